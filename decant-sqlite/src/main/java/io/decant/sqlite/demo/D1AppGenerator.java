package io.decant.sqlite.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import org.sqlite.JDBC;

/**
 * Generates a Cloudflare-D1-style app database (a habit tracker with Auth.js sign-in), shaped like the
 * D1 -> PostgreSQL plans this tool exists for. The same seed gives the same content, byte for byte:
 * values come from per-table {@link SplittableRandom}s, rows are inserted in a fixed order, and
 * nothing reads the clock.
 *
 * <table>
 *   <caption>tables</caption>
 *   <tr><th>table</th><th>rows</th><th>what is in it</th></tr>
 *   <tr><td>users</td><td>size.users()</td><td>TEXT id: a UUID string, except every 25th user with a legacy id
 *       such as {@code usr_00007}; email UNIQUE, with one pair that differs only by case; emailVerified,
 *       approved, age_verified, tos_accepted as INTEGER 0/1; image NULL for about 40%; tos_accepted_at,
 *       last_activity_at, created_at, updated_at as TEXT in two spellings ({@code 2024-01-02 03:04:05} and
 *       {@code 2024-01-02T03:04:05.123Z}), some NULL</td></tr>
 *   <tr><td>accounts</td><td>about 1.2 per user</td><td>OAuth accounts; userId -> users.id; expires_at INTEGER epoch
 *       seconds; two orphans pointing at a deleted user</td></tr>
 *   <tr><td>sessions</td><td>one per user</td><td>to be dropped by the spec (users sign in again)</td></tr>
 *   <tr><td>user_wallet</td><td>90% of users</td><td>user_id (FK to users' key, declared without columns), xp, level, coins,
 *       total_skill_stars</td></tr>
 *   <tr><td>user_progress</td><td>85% of users</td><td>user_id, total_xp, current_level, total_skill_stars: the merge
 *       target of user_wallet</td></tr>
 *   <tr><td>habits</td><td>0-5 per user</td><td>TEXT UUID id, name with accents and emoji, settings as JSON in TEXT</td></tr>
 *   <tr><td>habit_logs</td><td>0-12 per habit</td><td>habit_id -> habits.id, completed 0/1, logged_at TEXT, note with
 *       emoji and newlines or NULL; three orphans whose habit is gone</td></tr>
 *   <tr><td>readings</td><td>readingsRows</td><td>the large table: id INTEGER PRIMARY KEY, device_id (64 device UUIDs),
 *       value REAL, amount NUMERIC(10,2) bound as a double ({@code 12.5}, {@code 0.1 + 0.2}), an integer or a
 *       string ({@code "7.25"}: SQLite's NUMERIC affinity stores it as REAL), recorded_at TEXT, payload BLOB
 *       (70% NULL, others with 0x00 bytes)</td></tr>
 *   <tr><td>d1_migrations</td><td>3</td><td>Wrangler's migration history, as Wrangler creates it</td></tr>
 *   <tr><td>_cf_KV</td><td>1</td><td>Cloudflare's internal table, which decant leaves out</td></tr>
 * </table>
 *
 * Foreign keys are declared, so discovery finds them; SQLite does not enforce them on this
 * connection, which is how the orphans got in.
 */
public final class D1AppGenerator {
    private static final int BATCH = 10_000;
    private static final String[] FIRST = {"Alex", "Zoë", "José", "Łukasz", "Amélie", "Søren", "Mia", "Noah", "Aiko", "Chloé",
        "Omar", "Priya", "Liam", "Björn", "Fatima", "王芳"};
    private static final String[] LAST = {"Doe", "Müller", "García", "Kowalski", "Dubois", "Ørsted", "Smith", "Tanaka",
        "O'Brien", "Nguyen", "Rossi", "Ivanova"};
    private static final String[] HABITS = {"Méditation 🧘", "Read 20 pages 📚", "Drink water 💧", "Run 5 km", "日記を書く",
        "Stretch", "No sugar 🍩🚫", "Practice guitar 🎸"};
    private static final String[] NOTES = {"felt great 💪", "skipped breakfast\nstill did it", "raining ☔ — did it indoors",
        "line one\nline two\nline three", "ok", "🔥🔥🔥", "tired\r\nbut done"};
    private static final String[] PROVIDERS = {"google", "github", "discord"};

    private D1AppGenerator() {
    }

    public static void generate(Path file, DemoSize size, long seed) {
        generate(file, size.users(), size.readings(), seed);
    }

    /** With a number of users that grows with the readings, between 20 and 20,000. */
    public static void generate(Path file, long readingsRows, long seed) {
        generate(file, (int) Math.max(20, Math.min(20_000, readingsRows / 100)), readingsRows, seed);
    }

    public static void generate(Path file, int users, long readingsRows, long seed) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + "-journal"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot replace " + file + ": " + e.getMessage(), e);
        }
        try (Connection c = JDBC.createConnection("jdbc:sqlite:" + file, new Properties());
             Statement s = c.createStatement()) {
            // A fresh file that is deleted on failure: no journal, no fsync.
            s.execute("PRAGMA journal_mode = OFF");
            s.execute("PRAGMA synchronous = OFF");
            s.execute("BEGIN");
            for (String ddl : D1Schema.DDL) {
                s.execute(ddl);
            }
            Generator g = new Generator(c, seed);
            g.internal();
            List<String> userIds = g.users(users);
            g.accounts(userIds);
            g.sessions(userIds);
            g.wallets(userIds);
            List<String> habitIds = g.habits(userIds);
            g.habitLogs(habitIds);
            g.readings(readingsRows);
            s.execute("COMMIT");
        } catch (SQLException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the SQL error is the one to report
            }
            throw new IllegalStateException("generating " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** {@code D1AppGenerator FILE [tiny|small|medium|large|READINGS_ROWS] [SEED]}. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: D1AppGenerator FILE [tiny|small|medium|large|READINGS_ROWS] [SEED]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String size = args.length > 1 ? args[1] : "small";
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
        long start = System.nanoTime();
        if (size.matches("[0-9_]+")) {
            generate(file, Long.parseLong(size.replace("_", "")), seed);
        } else {
            generate(file, DemoSize.valueOf(size.toUpperCase(Locale.ROOT)), seed);
        }
        System.err.printf(Locale.ROOT, "wrote %s in %.1f s%n", file, (System.nanoTime() - start) / 1e9);
    }

    /** One generation run: the connection and one random stream per table, derived from the seed. */
    private static final class Generator {
        private final Connection c;
        private final long seed;

        Generator(Connection c, long seed) {
            this.c = c;
            this.seed = seed;
        }

        private SplittableRandom random(int table) {
            return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + table);
        }

        void internal() throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO d1_migrations(name, applied_at) VALUES (?, ?)")) {
                String[] names = {"0001_init.sql", "0002_gamification.sql", "0003_readings.sql"};
                for (int i = 0; i < names.length; i++) {
                    ps.setString(1, names[i]);
                    ps.setString(2, DemoValues.sqliteTimestamp(DemoValues.EPOCH_BASE + i * 86_400L * 30));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO _cf_KV(key, value) VALUES (?, ?)")) {
                ps.setString(1, "__cf_meta");
                ps.setBytes(2, new byte[] {1, 0, 2});
                ps.executeUpdate();
            }
        }

        List<String> users(int n) throws SQLException {
            SplittableRandom r = random(1);
            List<String> ids = new ArrayList<>(n);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < n; i++) {
                    String id = i % 25 == 7 ? String.format(Locale.ROOT, "usr_%05d", i) : DemoValues.uuid(r);
                    ids.add(id);
                    String first = FIRST[r.nextInt(FIRST.length)];
                    String last = LAST[r.nextInt(LAST.length)];
                    // Users 3 and 4 share an address up to case: unique in SQLite, a clash under lower(email).
                    String email = i == 3 ? "Alex.Doe@Example.com" : i == 4 ? "alex.doe@example.com"
                            : ascii(first).toLowerCase(Locale.ROOT) + "." + i + "@example.com";
                    long created = DemoValues.instant(r);
                    boolean tos = r.nextInt(10) < 8;
                    ps.setString(1, id);
                    ps.setString(2, r.nextInt(30) == 0 ? null : first + " " + last);
                    ps.setString(3, email);
                    ps.setInt(4, r.nextInt(3) == 0 ? 0 : 1);
                    ps.setString(5, r.nextInt(10) < 4 ? null : "https://avatars.example.com/u/" + i + ".png");
                    ps.setString(6, i == 0 ? "admin" : r.nextInt(40) == 0 ? "moderator" : "user");
                    ps.setInt(7, r.nextInt(5) == 0 ? 0 : 1);
                    ps.setInt(8, r.nextInt(4) == 0 ? 0 : 1);
                    ps.setInt(9, tos ? 1 : 0);
                    ps.setString(10, tos ? DemoValues.mixedTimestamp(r, created + r.nextInt(3600)) : null);
                    ps.setString(11, tos ? (r.nextBoolean() ? "2024-01" : "2024-06") : null);
                    ps.setString(12, r.nextInt(6) == 0 ? null : DemoValues.mixedTimestamp(r, created + r.nextInt(30 * 86_400)));
                    ps.setString(13, DemoValues.mixedTimestamp(r, created));
                    ps.setString(14, DemoValues.mixedTimestamp(r, created + r.nextInt(86_400)));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return ids;
        }

        void accounts(List<String> users) throws SQLException {
            SplittableRandom r = random(2);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                int n = 0;
                for (int i = 0; i < users.size() + 2; i++) {
                    // The last two rows belong to a user deleted without ON DELETE CASCADE being enforced.
                    String user = i < users.size() ? users.get(i) : "deleted-user-" + (i - users.size());
                    int count = i < users.size() ? (r.nextInt(5) == 0 ? 2 : 1) : 1;
                    for (int k = 0; k < count; k++) {
                        ps.setString(1, DemoValues.uuid(r));
                        ps.setString(2, user);
                        ps.setString(3, "oauth");
                        ps.setString(4, PROVIDERS[(k + i) % PROVIDERS.length]);
                        ps.setString(5, Long.toString(100_000_000L + n++ * 7919L));
                        ps.setString(6, r.nextInt(3) == 0 ? null : DemoValues.token(r, 40));
                        ps.setString(7, DemoValues.token(r, 60));
                        ps.setLong(8, DemoValues.instant(r));
                        ps.setString(9, "bearer");
                        ps.setString(10, "openid email profile");
                        ps.setString(11, r.nextInt(2) == 0 ? null : "eyJ" + DemoValues.token(r, 80));
                        ps.setNull(12, Types.VARCHAR);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }

        void sessions(List<String> users) throws SQLException {
            SplittableRandom r = random(3);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions VALUES (?,?,?,?)")) {
                for (String user : users) {
                    ps.setString(1, DemoValues.uuid(r));
                    ps.setString(2, DemoValues.token(r, 43));
                    ps.setString(3, user);
                    ps.setString(4, DemoValues.isoMillis(DemoValues.instant(r), r.nextInt(1000)));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        void wallets(List<String> users) throws SQLException {
            SplittableRandom r = random(4);
            try (PreparedStatement wallet = c.prepareStatement("INSERT INTO user_wallet VALUES (?,?,?,?,?)");
                 PreparedStatement progress = c.prepareStatement("INSERT INTO user_progress VALUES (?,?,?,?)")) {
                for (String user : users) {
                    int xp = r.nextInt(50_000);
                    int level = 1 + xp / 1000;
                    int stars = r.nextInt(120);
                    if (r.nextInt(10) < 9) {
                        wallet.setString(1, user);
                        wallet.setInt(2, xp);
                        wallet.setInt(3, level);
                        wallet.setInt(4, r.nextInt(10_000));
                        wallet.setInt(5, stars);
                        wallet.addBatch();
                    }
                    if (r.nextInt(20) < 17) {
                        progress.setString(1, user);
                        progress.setInt(2, xp);
                        progress.setInt(3, level);
                        progress.setInt(4, stars);
                        progress.addBatch();
                    }
                }
                wallet.executeBatch();
                progress.executeBatch();
            }
        }

        List<String> habits(List<String> users) throws SQLException {
            SplittableRandom r = random(5);
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO habits VALUES (?,?,?,?,?)")) {
                for (String user : users) {
                    int count = r.nextInt(6);
                    for (int k = 0; k < count; k++) {
                        String id = DemoValues.uuid(r);
                        ids.add(id);
                        String name = HABITS[r.nextInt(HABITS.length)];
                        ps.setString(1, id);
                        ps.setString(2, user);
                        ps.setString(3, name);
                        ps.setString(4, r.nextInt(8) == 0 ? null : String.format(Locale.ROOT,
                                "{\"reminder\":\"%02d:%02d\",\"days\":[\"mon\",\"wed\",\"fri\"],\"label\":\"%s\",\"goal\":%d,\"shared\":%s}",
                                6 + r.nextInt(4), 15 * r.nextInt(4), name.replace("\"", "\\\""), 1 + r.nextInt(7),
                                r.nextBoolean()));
                        ps.setString(5, DemoValues.mixedTimestamp(r, DemoValues.instant(r)));
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            return ids;
        }

        void habitLogs(List<String> habits) throws SQLException {
            SplittableRandom r = random(6);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO habit_logs VALUES (?,?,?,?,?)")) {
                for (int i = 0; i < habits.size() + 3; i++) {
                    // Three logs of a habit that was deleted: orphans, as real D1 data has them.
                    String habit = i < habits.size() ? habits.get(i) : DemoValues.uuid(r);
                    int count = i < habits.size() ? r.nextInt(13) : 1;
                    for (int k = 0; k < count; k++) {
                        ps.setString(1, DemoValues.uuid(r));
                        ps.setString(2, habit);
                        ps.setInt(3, r.nextInt(4) == 0 ? 0 : 1);
                        ps.setString(4, DemoValues.mixedTimestamp(r, DemoValues.instant(r)));
                        ps.setString(5, r.nextInt(3) == 0 ? NOTES[r.nextInt(NOTES.length)] : null);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }

        void readings(long n) throws SQLException {
            SplittableRandom r = random(7);
            String[] devices = new String[64];
            for (int i = 0; i < devices.length; i++) {
                devices[i] = DemoValues.uuid(r);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO readings VALUES (?,?,?,?,?,?)")) {
                long t = DemoValues.EPOCH_BASE;
                for (long id = 1; id <= n; id++) {
                    t += 1 + r.nextInt(30);
                    ps.setLong(1, id);
                    ps.setString(2, devices[r.nextInt(devices.length)]);
                    if (r.nextInt(50) == 0) {
                        ps.setNull(3, Types.REAL);
                    } else {
                        ps.setDouble(3, Math.round(r.nextDouble() * 1_000_000) / 1000.0 - 200);
                    }
                    int cents = r.nextInt(100_000);
                    switch (r.nextInt(10)) {
                        case 0 -> ps.setNull(4, Types.NUMERIC);
                        case 1 -> ps.setLong(4, cents / 100); // whole amounts, stored as INTEGER
                        case 2 -> ps.setDouble(4, 0.1 + 0.2 + cents / 100); // 0.30000000000000004-style noise
                        case 3 -> ps.setString(4, Integer.toString(cents / 100) + "." + two(cents % 100)); // text from a JS client
                        default -> ps.setDouble(4, cents / 100.0);
                    }
                    ps.setString(5, r.nextInt(4) == 0 ? DemoValues.sqliteTimestamp(t) : DemoValues.isoMillis(t, r.nextInt(1000)));
                    if (r.nextInt(10) < 7) {
                        ps.setNull(6, Types.BLOB);
                    } else {
                        byte[] b = new byte[8 + r.nextInt(57)];
                        for (int k = 0; k < b.length; k++) {
                            b[k] = (byte) (k % 5 == 0 ? 0 : r.nextInt(256));
                        }
                        ps.setBytes(6, b);
                    }
                    ps.addBatch();
                    if (id % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        }

        private static String two(int v) {
            return v < 10 ? "0" + v : Integer.toString(v);
        }

        private static String ascii(String name) {
            StringBuilder sb = new StringBuilder();
            for (char ch : name.toCharArray()) {
                if (ch < 128 && Character.isLetter(ch)) {
                    sb.append(ch);
                }
            }
            return sb.length() == 0 ? "user" : sb.toString();
        }
    }
}
