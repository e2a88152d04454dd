import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a SQLite file with many small tables of the shape (uuid text keys, REAL, NUMERIC
 * as text, TEXT timestamps, nullable columns), deterministically from a fixed seed. Run with the
 * decant jar on the class path (it carries the SQLite driver):
 * {@code java -cp decant.jar bench/GenTables.java FILE TABLES ROWS}.
 */
public final class GenTables {
    public static void main(String[] args) throws Exception {
        String file = args[0];
        int tables = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            for (int t = 1; t <= tables; t++) {
                String name = String.format(Locale.ROOT, "t%03d", t);
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE " + name + " (id TEXT PRIMARY KEY, n INTEGER NOT NULL, value REAL,"
                            + " amount NUMERIC(10,2), created_at TEXT NOT NULL, note TEXT)");
                }
                SplittableRandom r = new SplittableRandom(42L * 1_000_003 + t);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + name + " VALUES (?,?,?,?,?,?)")) {
                    for (int i = 0; i < rows; i++) {
                        ps.setString(1, new java.util.UUID(r.nextLong() & ~0xF000L | 0x4000L,
                                r.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString());
                        ps.setInt(2, i);
                        if (r.nextInt(20) == 0) {
                            ps.setNull(3, java.sql.Types.REAL);
                        } else {
                            ps.setDouble(3, Math.round(r.nextDouble() * 1e6) / 1000.0);
                        }
                        int cents = r.nextInt(1_000_000);
                        ps.setString(4, cents / 100 + "." + String.format(Locale.ROOT, "%02d", cents % 100));
                        long sec = 1_700_000_000L + r.nextInt(30_000_000);
                        ps.setString(5, java.time.Instant.ofEpochSecond(sec).toString().replace('T', ' ').replace("Z", ""));
                        ps.setString(6, r.nextInt(3) == 0 ? null : "note " + i + " é😀");
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            c.commit();
        }
    }
}
