package io.decant.cli.matrix;

import io.decant.cli.matrix.MatrixTables.Spec;

/**
 * What each cell must do, from the documented rules of the target dialects, and the cells where
 * decant is known not to do it yet (bugs: the cell still asserts the correct behaviour).
 */
final class Expectations {
    private Expectations() {
    }

    /** A data error the target must raise (exit 3), naming table, column and row 2 (id=2). */
    record DataError(String code, String column, String rule, boolean refusedByDecant) {
        DataError(String code, String column, String rule) {
            this(code, column, rule, true);
        }

        String messagePrefix(String table) {
            return "[" + code + "] " + table + "." + column + " (row 2, id=2): ";
        }
    }

    /**
     * {@code null} when the values must arrive; otherwise the documented refusal:
     * <ul>
     *   <li>SQLite REAL stores NaN as NULL and -0.0 as 0: refused (decant-sqlite RoundTripIT
     *       nanAndNegativeZeroAreRefusedNotChanged);</li>
     *   <li>a created SQLite decimal column is NUMERIC and holds a double: a decimal the double does not give
     *       back (more than 15 significant digits, as a rule) is refused (decant-sqlite ValueBinder);</li>
     *   <li>MySQL/MariaDB have no NaN or infinities and store -0.0 as 0: refused (decant-mysql README, Writing);
     *       an unbounded decimal becomes DECIMAL(65,30) there, so more than 30 fractional or 35 integer digits
     *       are refused;</li>
     *   <li>PostgreSQL text cannot contain NUL (CopyBuffer.RULE_NUL), nor jsonb the escape \\u0000 (the server's
     *       COPY error, SQLState 22P05, mapped to VALUE_INVALID with the row);</li>
     *   <li>an export folder writes SQL NULL as null, so the JSON document null would read back as SQL NULL:
     *       refused unless jsonNullAsSqlNull=true (decant-files ValueEncoders).</li>
     * </ul>
     */
    private static final String SQLITE_NUMERIC = "sqlite NUMERIC: a decimal is stored as a number only when the number"
            + " reads back as the same decimal";

    static DataError dataError(Spec table, Side to) {
        return switch (table.name()) {
            case "p_nan" -> switch (to) {
                case SQLITE -> new DataError("VALUE_INVALID", "x", "sqlite REAL: NaN is stored as NULL, so it is refused");
                case MARIADB -> new DataError("VALUE_INVALID", "x", "mysql float: finite numbers only");
                case POSTGRES, FOLDER -> null;
            };
            case "p_inf" -> to == Side.MARIADB ? new DataError("VALUE_INVALID", "x", "mysql float: finite numbers only") : null;
            case "p_negzero" -> switch (to) {
                case SQLITE -> new DataError("PRECISION_LOSS", "x", "sqlite REAL: -0.0 is stored as 0, so it is refused");
                case MARIADB -> new DataError("VALUE_INVALID", "x", "mysql float: finite numbers only, and not -0.0");
                case POSTGRES, FOLDER -> null;
            };
            case "p_widedec" -> to == Side.MARIADB
                    ? new DataError("PRECISION_LOSS", "num", "decimal(65,30): at most 30 fractional digits") : null;
            case "p_bigdec" -> switch (to) {
                case MARIADB -> new DataError("VALUE_OUT_OF_RANGE", "num", "decimal(65,30): at most 35 digits before the point");
                case SQLITE -> new DataError("PRECISION_LOSS", "num", SQLITE_NUMERIC);
                case POSTGRES, FOLDER -> null;
            };
            case "p_dec38" -> to == Side.SQLITE ? new DataError("PRECISION_LOSS", "dec", SQLITE_NUMERIC) : null;
            case "p_nul" -> to == Side.POSTGRES
                    ? new DataError("VALUE_INVALID", "t", "PostgreSQL text cannot contain NUL (0x00)") : null;
            // no rule of decant's: PostgreSQL's COPY refuses it, and decant names the row from the COPY line
            case "p_jsonnul" -> to == Side.POSTGRES
                    ? new DataError("VALUE_INVALID", "j", "unsupported Unicode escape sequence", false) : null;
            case "p_jsonnull" -> to == Side.FOLDER
                    ? new DataError("VALUE_INVALID", "j", "set files setting jsonNullAsSqlNull=true to accept that") : null;
            default -> null;
        };
    }

    /**
     * A bug that makes a cell fail today: {@code description} says what is observed and what is
     * expected; {@code failure} is a piece of the failure message as it is today. The cell checks that
     * it still fails with exactly that, so a change in behaviour (another failure, or a pass) fails the
     * cell instead of hiding behind a skip.
     */
    record KnownBug(String description, String failure) {
    }

    /** The known bug of a cell, or {@code null}. */
    static KnownBug knownBug(Spec table, Side from, Side to) {
        return null; // none open: add the pair, the value, observed vs expected, and the failure text when one is found
    }
}
