package io.decant.testkit;

/**
 * A table holding every kind of PostgreSQL type (text-search, intervals, network addresses, ranges and
 * multiranges, geometry, hstore, citext, ltree, enums, domains, composites, multi-dimensional arrays,
 * jsonpath, pg_lsn, generated and identity columns), edge values and NULLs included, for the tests that
 * prove each engine moves them exactly: create {@link #TYPES} on both sides, {@link #TABLE} and
 * {@link #ROWS} on the source, and compare {@link #ROW_TEXT} and {@link #COMPUTED} on both.
 */
public final class PgEveryType {
    private PgEveryType() {
    }

    /** Extensions, enums, domains, a composite and a range type: what a target must have before the table. */
    public static final String TYPES = """
            CREATE EXTENSION IF NOT EXISTS hstore; CREATE EXTENSION IF NOT EXISTS citext; CREATE EXTENSION IF NOT EXISTS ltree;
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy 😀');
            CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
            CREATE DOMAIN words AS tsvector;
            CREATE DOMAIN host_addr AS inet CHECK (family(VALUE) = 4);
            CREATE TYPE address AS (street text, zip integer, feeling mood);
            CREATE TYPE floatrange AS RANGE (subtype = float8);
            """;
    public static final String TABLE = """
            CREATE TABLE every_type (
              id integer PRIMARY KEY,
              tsv tsvector, tsq tsquery, iv interval, ip inet, net cidr, mac macaddr, mac8 macaddr8, cash money,
              b bit(8), vb varbit, x xml, ir int4range, tr tstzrange, nr numrange, dr daterange, imr int4multirange,
              fr floatrange, pt point, bx box, pg polygon, ln line, ls lseg, pth path, ci circle,
              hs hstore, ct citext, lt ltree, md mood, mds mood[], pi posint, dtsv words, dip host_addr,
              addr address, addrs address[], m2 integer[][], t3 text[][][], ttz timetz, ivs interval[], ips inet[],
              jp jsonpath, lsn pg_lsn,
              gen_len integer GENERATED ALWAYS AS (length(ct::text)) STORED,
              tsv_gen tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(ct::text, ''))) STORED,
              ident bigint GENERATED ALWAYS AS IDENTITY
            );
            """;
    public static final String ROWS = """
            INSERT INTO every_type (id, tsv, tsq, iv, ip, net, mac, mac8, cash, b, vb, x, ir, tr, nr, dr, imr, fr, pt, bx,
              pg, ln, ls, pth, ci, hs, ct, lt, md, mds, pi, dtsv, dip, addr, addrs, m2, t3, ttz, ivs, ips, jp, lsn)
            OVERRIDING SYSTEM VALUE VALUES
             (1, 'a fat cat:1A sat:2B on a mat ''with quote''', 'fat & (rat | !cat)', '1 year 2 mons -3 days 04:05:06.789',
              '2001:db8::1/64', '10.1.0.0/16', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05', 1234.56, B'10101010',
              B'1', '<a b="c">d &amp; ë</a>', '[1,10)', '[2024-01-01 00:00:00+00,infinity)', '(-1.5,2.25]', 'empty',
              '{[1,3), [5,9)}', '[-0.5,1e300]', '(1.5,-2)', '((0,0),(1,1))', '((0,0),(1,0),(1,1))', '{1,-1,0}',
              '[(0,0),(1,1)]', '[(0,0),(1,1),(2,0)]', '<(0,0),2>', '"a"=>"1", "b c"=>NULL, "ü"=>"😀"', 'MiXeD Case',
              'top.science.astronomy', 'happy 😀', '{sad,NULL,"happy 😀"}', 7, 'x y', '192.168.1.1',
              ROW('Main St, "1"', 12345, 'ok'), ARRAY[ROW('a', 1, 'sad')::address, NULL], '{{1,2},{3,NULL}}',
              '{{{a,b},{c,d}},{{"e f",NULL},{"",g}}}', '23:59:59.999999+14:00', '{"1 day","-00:00:01"}',
              '{10.0.0.1,::1}', '$.a[*] ? (@ > 2)', '16/B374D848'),
             (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
              NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
              NULL, NULL, NULL, NULL, NULL),
             (3, '', '', '0', '0.0.0.0', '0.0.0.0/0', '00:00:00:00:00:00', '00:00:00:00:00:00:00:00', -0.01, B'00000000',
              B'', '', 'empty', '(,)', '(,)', '[-infinity,infinity]', '{}', 'empty', '(0,0)', '((0,0),(0,0))', '((0,0))',
              '{0,1,0}', '[(0,0),(0,0)]', '((0,0))', '<(0,0),0>', '', '', '', 'sad', '{}', 1, '', '0.0.0.0',
              ROW(NULL, NULL, NULL), '{}', '{}', '{}', '00:00:00-12:00', '{}', '{}', '$', '0/0');
            INSERT INTO every_type (id, tsv, iv, ip, ir, hs, ct, md, m2, addr, dr)
            OVERRIDING SYSTEM VALUE
            SELECT g, to_tsvector('simple', 'word' || g || ' other' || (g % 7)), make_interval(months => g % 13, days => g % 31,
                   secs => g * 1.5::float8), ('10.0.' || (g % 256) || '.' || (g % 250))::inet, int4range(g, g + 10),
                   hstore('k' || g, g::text), 'User' || g, (ARRAY['sad', 'ok', 'happy 😀'])[1 + g % 3]::mood,
                   ARRAY[ARRAY[g, g + 1], ARRAY[g + 2, g + 3]], ROW('street ' || g, g, 'ok')::address,
                   daterange(DATE '2024-01-01' + g, DATE '2024-01-01' + g * 2)
            FROM generate_series(4, 2500) g;
            """;
    /** Each row's text form (without the computed columns, which --create-schema does not recreate). */
    public static final String ROW_TEXT = "SELECT md5(string_agg(row(id, tsv, tsq, iv, ip, net, mac, mac8, cash, b, vb, x::text, ir, tr,"
            + " nr, dr, imr, fr, pt, bx, pg, ln, ls, pth, ci, hs, ct, lt, md, mds, pi, dtsv, dip, addr, addrs, m2, t3, ttz,"
            + " ivs, ips, jp, lsn, ident)::text, '|' ORDER BY id)) FROM every_type";
    /** The generated columns' values, which the target computes itself. */
    public static final String COMPUTED = "SELECT md5(string_agg(row(gen_len, tsv_gen)::text, '|' ORDER BY id)) FROM every_type";
}
