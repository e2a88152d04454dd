package io.decant.core.error;

/**
 * Every failure decant reports carries one of these codes. The code fixes the exit status, so a
 * script can tell a user mistake from bad data from an unreachable server from a bug.
 */
public enum ErrorCode {
    // usage and spec errors: nothing was touched (exit 2)
    USAGE(Category.USAGE),
    SPEC_INVALID(Category.USAGE),
    UNKNOWN_URL(Category.USAGE),
    UNKNOWN_TABLE(Category.USAGE),
    UNKNOWN_COLUMN(Category.USAGE),
    UNSUPPORTED_TYPE(Category.USAGE),
    NO_CONVERSION(Category.USAGE),
    SCHEMA_MISMATCH(Category.USAGE),
    FK_CYCLE(Category.USAGE),
    CONFIRMATION_REQUIRED(Category.USAGE),
    PARTIAL_RUN(Category.USAGE),
    NOTHING_SELECTED(Category.USAGE),
    // data errors: a value could not be converted or loaded (exit 3)
    VALUE_INVALID(Category.DATA),
    VALUE_OUT_OF_RANGE(Category.DATA),
    PRECISION_LOSS(Category.DATA),
    CONSTRAINT_VIOLATION(Category.DATA),
    ORPHAN(Category.DATA),
    UNMAPPED_ID(Category.DATA),
    FILE_CORRUPT(Category.DATA),
    ROWS_REJECTED(Category.DATA),
    // external errors: a database or file could not be reached or read (exit 4)
    CONNECTION_FAILED(Category.EXTERNAL),
    PERMISSION_DENIED(Category.EXTERNAL),
    DATABASE_ERROR(Category.EXTERNAL),
    IO_ERROR(Category.EXTERNAL),
    // a bug (exit 70)
    INTERNAL(Category.INTERNAL);

    private final Category category;

    ErrorCode(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }

    public int exitCode() {
        return category.exitCode();
    }

    public enum Category {
        USAGE(2), DATA(3), EXTERNAL(4), INTERNAL(70);

        private final int exitCode;

        Category(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }
}
