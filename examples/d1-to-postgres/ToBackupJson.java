import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes a SQLite (D1) database as the JSON a D1 app's admin backup endpoint returns
 * ({@code GET /api/admin/backup} in seed 004): one object, table name -> array of row objects.
 * Values keep the storage class SQLite holds for each cell, row by row: INTEGER as a JSON integer,
 * REAL as a JSON number, TEXT as a string, BLOB as base64 text, NULL as null. SQLite's own tables
 * (sqlite_*) and Cloudflare's internal ones (_cf_*) are left out, as D1 leaves them out.
 *
 * <p>Run with the decant jar on the class path (it holds sqlite-jdbc and Jackson):
 * {@code java -cp decant-cli/target/decant.jar examples/d1-to-postgres/ToBackupJson.java app.db d1_backup.json}
 */
public final class ToBackupJson {
    private ToBackupJson() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -cp decant.jar ToBackupJson.java APP.db BACKUP.json");
            System.exit(2);
        }
        File db = new File(args[0]);
        if (!db.isFile()) {
            System.err.println("ToBackupJson: no such SQLite file: " + db);
            System.exit(2);
        }
        long rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.getPath() + "?mode=ro");
             JsonGenerator out = new JsonFactory().createGenerator(new File(args[1]), JsonEncoding.UTF8)) {
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                         + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            out.writeStartObject();
            for (String table : tables) {
                out.writeFieldName(table);
                out.writeStartArray();
                rows += writeTable(c, table, out);
                out.writeEndArray();
            }
            out.writeEndObject();
            System.err.printf("ToBackupJson: wrote %d tables, %d rows to %s%n", tables.size(), rows, args[1]);
        }
    }

    private static long writeTable(Connection c, String table, JsonGenerator out) throws Exception {
        String quoted = "\"" + table.replace("\"", "\"\"") + "\"";
        long n = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quoted)) {
            ResultSetMetaData md = rs.getMetaData();
            int columns = md.getColumnCount();
            while (rs.next()) {
                out.writeStartObject();
                for (int i = 1; i <= columns; i++) {
                    out.writeFieldName(md.getColumnLabel(i));
                    // getObject follows the cell's storage class, not the column's declared type
                    Object v = rs.getObject(i);
                    if (v == null) {
                        out.writeNull();
                    } else if (v instanceof Integer || v instanceof Long) {
                        out.writeNumber(((Number) v).longValue());
                    } else if (v instanceof Float || v instanceof Double) {
                        out.writeNumber(((Number) v).doubleValue());
                    } else if (v instanceof byte[] b) {
                        out.writeString(Base64.getEncoder().encodeToString(b));
                    } else {
                        out.writeString(v.toString());
                    }
                }
                out.writeEndObject();
                n++;
            }
        }
        return n;
    }
}
