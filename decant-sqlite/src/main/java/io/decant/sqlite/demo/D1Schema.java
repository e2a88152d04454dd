package io.decant.sqlite.demo;

import java.util.List;

/**
 * The demo app's schema, written the way a D1 app's migrations write it: Auth.js tables in camelCase,
 * the app's own tables in snake_case, TEXT ids and timestamps, INTEGER booleans, foreign keys declared
 * (and, as on D1 before foreign keys were enforced, not always honoured by the data).
 */
final class D1Schema {
    private D1Schema() {
    }

    static final List<String> DDL = List.of(
            "CREATE TABLE d1_migrations(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE,"
                    + " applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)",
            "CREATE TABLE _cf_KV (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID",
            """
            CREATE TABLE users (
              id TEXT PRIMARY KEY NOT NULL,
              name TEXT,
              email TEXT NOT NULL UNIQUE,
              emailVerified INTEGER,
              image TEXT,
              role TEXT NOT NULL DEFAULT 'user',
              approved INTEGER NOT NULL DEFAULT 0,
              age_verified INTEGER NOT NULL DEFAULT 0,
              tos_accepted INTEGER NOT NULL DEFAULT 0,
              tos_accepted_at TEXT,
              tos_version TEXT,
              last_activity_at TEXT,
              created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
              updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
            )""",
            """
            CREATE TABLE accounts (
              id TEXT PRIMARY KEY NOT NULL,
              userId TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
              type TEXT NOT NULL,
              provider TEXT NOT NULL,
              providerAccountId TEXT NOT NULL,
              refresh_token TEXT,
              access_token TEXT,
              expires_at INTEGER,
              token_type TEXT,
              scope TEXT,
              id_token TEXT,
              session_state TEXT,
              UNIQUE (provider, providerAccountId)
            )""",
            """
            CREATE TABLE sessions (
              id TEXT PRIMARY KEY NOT NULL,
              sessionToken TEXT NOT NULL UNIQUE,
              userId TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
              expires TEXT NOT NULL
            )""",
            """
            CREATE TABLE user_wallet (
              user_id TEXT PRIMARY KEY NOT NULL REFERENCES users ON DELETE CASCADE,
              xp INTEGER NOT NULL DEFAULT 0,
              level INTEGER NOT NULL DEFAULT 1,
              coins INTEGER NOT NULL DEFAULT 0,
              total_skill_stars INTEGER NOT NULL DEFAULT 0
            )""",
            """
            CREATE TABLE user_progress (
              user_id TEXT PRIMARY KEY NOT NULL REFERENCES users ON DELETE CASCADE,
              total_xp INTEGER NOT NULL DEFAULT 0,
              current_level INTEGER NOT NULL DEFAULT 1,
              total_skill_stars INTEGER NOT NULL DEFAULT 0
            )""",
            """
            CREATE TABLE habits (
              id TEXT PRIMARY KEY NOT NULL,
              user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
              name TEXT NOT NULL,
              settings TEXT,
              created_at TEXT NOT NULL
            )""",
            "CREATE INDEX idx_habits_user ON habits(user_id)",
            """
            CREATE TABLE habit_logs (
              id TEXT PRIMARY KEY NOT NULL,
              habit_id TEXT NOT NULL REFERENCES habits(id) ON DELETE CASCADE,
              completed INTEGER NOT NULL DEFAULT 0,
              logged_at TEXT NOT NULL,
              note TEXT
            )""",
            "CREATE INDEX idx_habit_logs_habit ON habit_logs(habit_id, logged_at)",
            """
            CREATE TABLE readings (
              id INTEGER PRIMARY KEY,
              device_id TEXT NOT NULL,
              value REAL,
              amount NUMERIC(10,2),
              recorded_at TEXT NOT NULL,
              payload BLOB
            )""",
            "CREATE INDEX idx_readings_device ON readings(device_id, recorded_at)");
}
