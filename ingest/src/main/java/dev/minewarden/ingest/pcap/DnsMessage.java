package dev.minewarden.ingest.pcap;

import java.util.List;

/**
 * The parts of one DNS message that the hunt uses. Immutable.
 *
 * @param id the transaction id
 * @param response whether the QR bit is set
 * @param rcode the response code's name ({@code NOERROR}, {@code NXDOMAIN}...)
 * @param query the first question's name, without the trailing dot, or null when there is none
 * @param recordType the first question's type name ({@code A}, {@code TXT}, {@code TYPE65534}), or
 *     null
 * @param answers the answer section's values (addresses, names, text), at most {@link
 *     DnsParser#MAX_ANSWERS}
 */
record DnsMessage(
    int id, boolean response, String rcode, String query, String recordType,
    List<String> answers) {}
