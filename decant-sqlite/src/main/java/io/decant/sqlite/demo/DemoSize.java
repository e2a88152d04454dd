package io.decant.sqlite.demo;

/** Sizes of the generated D1 app database: the number of users and of rows in the large {@code readings} table. */
public enum DemoSize {
    TINY(20, 500),
    SMALL(200, 20_000),
    MEDIUM(2_000, 200_000),
    LARGE(20_000, 2_000_000);

    private final int users;
    private final long readings;

    DemoSize(int users, long readings) {
        this.users = users;
        this.readings = readings;
    }

    public int users() {
        return users;
    }

    public long readings() {
        return readings;
    }
}
