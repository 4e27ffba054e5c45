package dev.minewarden.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The DuckDB side of the VPC flow benchmark: runs {@code vpc/vpc_mining_flow.sql} through DuckDB's
 * JDBC driver on a flow log with a given number of threads, writes the matching records as CSV
 * ({@code interface-id,srcaddr,srcport,dstaddr,dstport,start}) and prints the query's wall time.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.minewarden.bench.VpcDuckDb FILE THREADS OUT.csv
 * </pre>
 */
public final class VpcDuckDb {
  private VpcDuckDb() {}

  /** Entry point: {@code FILE THREADS OUT.csv}. */
  public static void main(String[] args) throws IOException, SQLException {
    String sql = template()
        .replace("${FILE}", Path.of(args[0]).toAbsolutePath().toString().replace("'", "''"))
        .replace("${THREADS}", String.valueOf(Integer.parseInt(args[1])));
    long t0 = System.nanoTime();
    long rows = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8))) {
      for (String part : sql.split(";\\s*\\n")) {
        String q = part.strip();
        if (q.isEmpty() || q.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
          continue;
        }
        if (s.execute(q)) {
          try (ResultSet r = s.getResultSet()) {
            while (r.next()) {
              out.printf("%s,%s,%d,%s,%d,%d%n", r.getString(1), r.getString(2), r.getInt(3),
                  r.getString(4), r.getInt(5), r.getLong(6));
              rows++;
            }
          }
        }
      }
    }
    System.err.printf("duckdb threads=%s rows=%d query_s=%.3f%n", args[1], rows, (System.nanoTime() - t0) / 1e9);
  }

  static String template() throws IOException {
    try (InputStream in = VpcDuckDb.class.getResourceAsStream("vpc/vpc_mining_flow.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
