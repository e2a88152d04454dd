package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.spec.Spec;
import io.decant.core.spec.SpecLoader;
import io.decant.core.spec.TimeFormat;
import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code decant init} on pairs with awkward names and types: plural, PascalCase and spaced SQLite names into a
 * snake_case PostgreSQL schema with UUIDs, booleans, money, epoch seconds and JSON; quoted camelCase PostgreSQL
 * names with an irregular plural, epoch milliseconds, true/false text and money text with a dollar sign that no
 * cast reads; MariaDB PascalCase with TINYINT flags, JSON text, UUID text and epoch seconds. Same inputs give the same bytes; an existing spec is kept unless --force.
 */
class InitPairsIT {
    @TempDir
    Path dir;

    private Path sqliteShop() throws Exception {
        Path app = dir.resolve("shop.db");
        SqliteFixture.exec(app,
                "CREATE TABLE \"Categories\" (\"CategoryID\" INTEGER PRIMARY KEY, \"Category Name\" TEXT NOT NULL,"
                        + " \"IsActive\" INTEGER NOT NULL)",
                "CREATE TABLE \"WebSites\" (\"Id\" TEXT PRIMARY KEY, \"CategoryID\" INTEGER REFERENCES \"Categories\"(\"CategoryID\"),"
                        + " \"URL\" TEXT, \"Price\" TEXT, \"LaunchedAt\" INTEGER, \"Meta\" TEXT, \"Legacy Flag\" TEXT)",
                "INSERT INTO \"Categories\" VALUES (1, 'Books', 1), (2, 'Toys', 0)",
                "INSERT INTO \"WebSites\" VALUES ('0b5c3d7e-2f43-4a0e-9d53-6f1f6a1c2b11', 1, 'https://a.example', '12.50',"
                        + " 1700000000, '{\"a\": 1}', 'x')",
                "INSERT INTO \"WebSites\" VALUES ('1c6d4e8f-3a54-4b1f-8e64-7a2a7b2d3c22', 2, NULL, '0.99', 1600000000, '[1, 2]', NULL)",
                "INSERT INTO \"WebSites\" VALUES ('2d7e5f90-4b65-4c20-9f75-8b3b8c3e4d33', NULL, 'https://c.example', NULL, NULL, NULL, NULL)");
        return app;
    }

    private static PgServer.TestDb shopTarget() {
        PgServer.TestDb db = PgServer.get().createDatabase("it_init_shop");
        db.exec("CREATE TABLE category (category_id integer PRIMARY KEY, category_name text NOT NULL, is_active boolean NOT NULL);"
                + " CREATE TABLE website (id uuid PRIMARY KEY, category_id integer REFERENCES category (category_id), url text,"
                + " price numeric(10,2), launched_at timestamptz, meta jsonb, created_by text NOT NULL)");
        return db;
    }

    @Test
    void sqlitePluralPascalAndSpacedNamesIntoSnakeCasePostgres() throws Exception {
        Path app = sqliteShop();
        PgServer.TestDb db = shopTarget();
        Path out = dir.resolve("shop.yaml");
        Cli.Result r = Cli.run("init", "--from", "sqlite:" + app, "--to", db.url(), "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        String text = Files.readString(out);
        Spec spec = SpecLoader.parse(text, "shop.yaml");
        assertEquals("snake_case", spec.naming().spelling(), text);
        assertEquals("category", spec.table("Categories").into(), text);
        assertEquals("website", spec.table("WebSites").into(), text);
        assertEquals("boolean", spec.table("Categories").column("IsActive").cast().spelling(), text);
        var site = spec.table("WebSites");
        assertEquals("uuid", site.column("Id").cast().spelling(), text);
        assertEquals("numeric(10,2)", site.column("Price").cast().spelling(), text);
        assertEquals(TimeFormat.EPOCH_S, site.column("LaunchedAt").cast().format(), text);
        assertEquals("jsonb", site.column("Meta").cast().spelling(), text);
        assertTrue(site.column("Legacy Flag").skip(), text);
        assertTrue(text.contains("# TODO: target website has no column for Legacy Flag"), text);
        assertTrue(text.contains("# TODO: target column website.created_by is NOT NULL and no source column feeds it"), text);
        assertTrue(r.out().contains("tables.WebSites.columns.Legacy Flag: target website has no column"), r.out());
        assertTrue(r.out().contains("1 marked FAILS PLAN fail plan --sample as written"), r.out());
        assertTrue(r.out().contains("tables.WebSites: FAILS PLAN: target column website.created_by is NOT NULL"), r.out());

        // The TODO is a decision the spec does not make yet: plan refuses until it is made, naming the spec's way out.
        Cli.Result plan = Cli.run("plan", "--from", "sqlite:" + app, "--to", db.url(), "--spec", out.toString(),
                "--sample", "all");
        assertEquals(2, plan.exit(), plan + "\n" + text);
        assertTrue(plan.err().contains("target column website.created_by is NOT NULL and has no default, and no source"
                + " column fills it, so every row would fail to load; give it a value in the spec"
                + " (tables.WebSites.add.created_by: { value: ... })"), plan.err());
        Files.writeString(out, text.replace("  WebSites:\n", "  WebSites:\n    add:\n      created_by: { value: \"'init'\" }\n"), java.nio.charset.StandardCharsets.UTF_8);
        Cli.Result decided = Cli.run("plan", "--from", "sqlite:" + app, "--to", db.url(), "--spec", out.toString(),
                "--sample", "all");
        assertEquals(0, decided.exit(), decided + "\n" + Files.readString(out));
    }

    @Test
    void postgresCamelCaseIntoSnakeCaseWithAValueNoCastReadsListedAsADecision() throws Exception {
        PgServer.TestDb source = PgServer.get().createDatabase("it_init_people_src");
        source.exec("CREATE TABLE \"People\" (\"personId\" bigint PRIMARY KEY, \"fullName\" text, \"signedUpMs\" bigint,"
                + " \"isAdmin\" text, balance text, \"shoeSize\" text);"
                + " CREATE TABLE \"Addresses\" (\"addressId\" bigint PRIMARY KEY, \"personId\" bigint REFERENCES \"People\","
                + " \"zipCode\" text, line1 text);"
                + " INSERT INTO \"People\" VALUES (1, 'Ann', 1700000000123, 't', '10.00', '42'),"
                + " (2, 'Bob', 1600000000000, 'false', '$1,234.50', '44'), (3, NULL, NULL, NULL, NULL, NULL);"
                + " INSERT INTO \"Addresses\" VALUES (1, 1, '01234', 'Main St 1')");
        PgServer.TestDb target = PgServer.get().createDatabase("it_init_people_tgt");
        target.exec("CREATE TABLE person (person_id bigint PRIMARY KEY, full_name text, signed_up timestamptz,"
                + " is_admin boolean, balance numeric(12,2), shoe_size integer);"
                + " CREATE TABLE address (address_id bigint PRIMARY KEY, person_id bigint REFERENCES person,"
                + " zip_code text, line_1 text)");
        Path out = dir.resolve("people.yaml");
        Cli.Result r = Cli.run("init", "--from", source.url(), "--to", target.url(), "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        String text = Files.readString(out);
        Spec spec = SpecLoader.parse(text, "people.yaml");
        assertEquals("snake_case", spec.naming().spelling(), text);
        assertEquals("person", spec.table("People").into(), text);
        assertEquals("address", spec.table("Addresses").into(), text);
        assertEquals("line_1", spec.table("Addresses").column("line1").to(), text);
        var people = spec.table("People");
        assertEquals("signed_up", people.column("signedUpMs").to(), text);
        assertEquals(TimeFormat.EPOCH_MS, people.column("signedUpMs").cast().format(), text);
        assertEquals("boolean", people.column("isAdmin").cast().spelling(), text);
        assertEquals("integer", people.column("shoeSize").cast().spelling(), text);
        assertEquals("numeric(12,2)", people.column("balance").cast().spelling(), text);
        assertTrue(text.contains("# TODO: 1 of 2 sampled values do not convert"), text);
        int line = lineOf(text, "balance:");
        assertTrue(r.out().contains(out + ":" + line + " tables.People.columns.balance: FAILS PLAN: 1 of 2"), r.out());
        assertTrue(r.out().contains("1 marked FAILS PLAN fail plan --sample as written"), r.out());

        // the spec plans everything but the value init said needs a decision
        Cli.Result plan = Cli.run("plan", "--from", source.url(), "--to", target.url(), "--spec", out.toString(),
                "--sample", "all");
        assertEquals(3, plan.exit(), plan + "\n" + text);
        assertTrue(plan.out().contains("balance") && plan.out().contains("$1,234.50"), plan.toString());
        assertTrue(text.contains("values shaped like '$9,999.99'") && !text.contains("1,234"), "the spec shows the value's"
                + " shape, not the value: " + text);
        assertTrue(!plan.out().contains("signedUpMs") && !plan.out().contains("isAdmin"), plan.toString());
    }

    @Test
    void mariaDbPascalCaseIntoPostgres() throws Exception {
        String url = io.decant.testkit.MariaServer.createDatabase("it_init_maria");
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (var c = io.decant.testkit.MariaServer.connect(name); var st = c.createStatement()) {
            st.execute("CREATE TABLE OrderItems (ItemID BIGINT PRIMARY KEY, Qty INT NOT NULL, UnitPrice DECIMAL(10,2),"
                    + " isGift TINYINT NOT NULL DEFAULT 0, shippedAt DATETIME, Extra LONGTEXT, Ref CHAR(36), createdUnix INT)");
            st.execute("INSERT INTO OrderItems VALUES (1, 2, 9.99, 0, '2024-03-01 10:00:00', '{\"gift\": false}',"
                    + " '0b5c3d7e-2f43-4a0e-9d53-6f1f6a1c2b11', 1709287200),"
                    + " (2, 1, 120.00, 1, NULL, NULL, '1c6d4e8f-3a54-4b1f-8e64-7a2a7b2d3c22', 1709290800)");
        }
        PgServer.TestDb target = PgServer.get().createDatabase("it_init_maria_tgt");
        target.exec("CREATE TABLE order_item (item_id bigint PRIMARY KEY, qty integer NOT NULL, unit_price numeric(10,2),"
                + " is_gift boolean NOT NULL, shipped_at timestamptz, extra jsonb, ref uuid, created_unix timestamptz)");
        Path out = dir.resolve("orders.yaml");
        Cli.Result r = Cli.run("init", "--from", url, "--to", target.url(), "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        String text = Files.readString(out);
        Spec spec = SpecLoader.parse(text, "orders.yaml");
        assertEquals("snake_case", spec.naming().spelling(), text);
        assertEquals("order_item", spec.table("OrderItems").into(), text);
        var items = spec.table("OrderItems");
        assertEquals("boolean", items.column("isGift").cast().spelling(), text);
        assertEquals("jsonb", items.column("Extra").cast().spelling(), text);
        assertEquals("uuid", items.column("Ref").cast().spelling(), text);
        assertEquals(TimeFormat.EPOCH_S, items.column("createdUnix").cast().format(), text);
        assertEquals(null, items.column("Qty").cast(), "int into integer needs no cast: " + text);

        Cli.Result plan = Cli.run("plan", "--from", url, "--to", target.url(), "--spec", out.toString(), "--sample", "all");
        assertEquals(0, plan.exit(), plan + "\n" + text);
    }

    @Test
    void ofTwoTablesOfOneNameTheOneInTheTargetsSchemaIsPaired() throws Exception {
        PgServer.TestDb source = PgServer.get().createDatabase("it_init_schemas");
        source.exec("CREATE SCHEMA auth; CREATE TABLE auth.users (id uuid PRIMARY KEY, email text);"
                + " CREATE TABLE users (id uuid PRIMARY KEY, auth_id uuid REFERENCES auth.users, nickname text);");
        PgServer.TestDb target = PgServer.get().createDatabase("it_init_schemas_tgt");
        target.exec("CREATE TABLE users (id uuid PRIMARY KEY, auth_id uuid, nickname text)");
        Path out = dir.resolve("schemas.yaml");
        Cli.Result r = Cli.run("init", "--from", source.url(), "--to", target.url(), "--schemas", "public,auth",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        String text = Files.readString(out);
        Spec spec = SpecLoader.parse(text, "schemas.yaml");
        assertEquals(java.util.List.of("auth.users"), spec.exclude(), text);
        assertTrue(spec.tables().isEmpty(), text);
        Cli.Result plan = Cli.run("plan", "--from", source.url(), "--to", target.url(), "--schemas", "public,auth",
                "--spec", out.toString(), "--sample", "all");
        assertEquals(0, plan.exit(), plan + "\n" + text);
    }

    @Test
    void sameInputsSameBytesAndAnExistingSpecIsKeptUnlessForce() throws Exception {
        Path app = sqliteShop();
        PgServer.TestDb db = shopTarget();
        Path one = dir.resolve("one.yaml");
        Path two = dir.resolve("two.yaml");
        assertEquals(0, Cli.run("init", "--from", "sqlite:" + app, "--to", db.url(), "--out", one.toString()).exit());
        assertEquals(0, Cli.run("init", "--from", "sqlite:" + app, "--to", db.url(), "--out", two.toString()).exit());
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));

        Files.writeString(one, "# mine\n");
        Cli.Result again = Cli.run("init", "--from", "sqlite:" + app, "--to", db.url(), "--out", one.toString());
        assertEquals(2, again.exit(), again.toString());
        assertTrue(again.err().contains("exists; init does not overwrite it") && again.err().contains("--force"), again.err());
        assertEquals("# mine\n", Files.readString(one));
        Cli.Result forced = Cli.run("init", "--from", "sqlite:" + app, "--to", db.url(), "--out", one.toString(), "--force");
        assertEquals(0, forced.exit(), forced.toString());
        assertArrayEquals(Files.readAllBytes(two), Files.readAllBytes(one));

        Cli.Result json = Cli.run("init", "--from", "sqlite:" + app, "--to", db.url(), "--out",
                dir.resolve("three.yaml").toString(), "--output", "json");
        assertEquals(0, json.exit(), json.toString());
        var view = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertEquals(2, view.get("tablesPaired").asInt(), json.out());
        assertTrue(view.get("decisions").size() >= 2, json.out());
    }

    private static int lineOf(String text, String start) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + start + " in\n" + text);
    }
}
