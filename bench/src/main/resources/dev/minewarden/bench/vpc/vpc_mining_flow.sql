-- The VPC flow benchmark's query, the same test as vpc_mining_flow.yml: an accepted flow to a
-- public address on a Stratum port, or any flow to or from a pool address (203.0.113.0/24).
-- ${FILE} and ${THREADS} are replaced by VpcDuckDb. Output: one row per matching record.
SET threads = ${THREADS};
SELECT "interface-id", srcaddr, srcport, dstaddr, dstport, "start"
FROM read_csv('${FILE}', delim = ' ', header = true, auto_detect = false, nullstr = '-',
    columns = {'version': 'INTEGER', 'account-id': 'VARCHAR', 'interface-id': 'VARCHAR',
               'srcaddr': 'VARCHAR', 'dstaddr': 'VARCHAR', 'srcport': 'INTEGER', 'dstport': 'INTEGER',
               'protocol': 'INTEGER', 'packets': 'BIGINT', 'bytes': 'BIGINT', 'start': 'BIGINT',
               'end': 'BIGINT', 'action': 'VARCHAR', 'log-status': 'VARCHAR'})
WHERE (dstport IN (3333, 4444, 5555, 7777, 14444, 45700) AND action = 'ACCEPT'
       AND NOT (starts_with(dstaddr, '10.') OR starts_with(dstaddr, '192.168.')
                OR regexp_matches(dstaddr, '^172\.(1[6-9]|2[0-9]|3[01])\.')))
   OR starts_with(dstaddr, '203.0.113.') OR starts_with(srcaddr, '203.0.113.');
