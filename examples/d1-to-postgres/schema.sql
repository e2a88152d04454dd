-- Ignition's PostgreSQL schema, as the app's own migrations create it (seed 004, "Phase 1: Schema
-- Migration (Complete)"): native UUIDs, BOOLEANs, TIMESTAMPTZ and JSONB, snake_case names, foreign
-- keys on. sessions is not here (DEC-001=A: users sign in again) and user_wallet's columns live in
-- user_progress (see README, "What this covers of seed 004").
--
-- The runbook's variant B loads into this schema instead of letting decant create the tables
-- (--create-schema). It is also the schema that a D1 backup JSON needs: JSON carries no primary or
-- foreign keys, so decant takes them from the target.

CREATE TABLE users (
  id               uuid PRIMARY KEY,
  name             text,
  email            text NOT NULL UNIQUE,
  email_verified   timestamptz,
  image            text,
  role             text NOT NULL DEFAULT 'user',
  approved         boolean NOT NULL DEFAULT false,
  age_verified     boolean NOT NULL DEFAULT false,
  tos_accepted     boolean NOT NULL DEFAULT false,
  tos_accepted_at  timestamptz,
  tos_version      text,
  last_activity_at timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  legacy_id        text                      -- the D1 id, for support (usr_00007 and the like)
);

CREATE TABLE accounts (
  id                  uuid PRIMARY KEY,
  user_id             uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type                text NOT NULL,
  provider            text NOT NULL,
  provider_account_id text NOT NULL,
  refresh_token       text,
  access_token        text,
  expires_at          bigint,
  token_type          text,
  scope               text,
  id_token            text,
  session_state       text,
  UNIQUE (provider, provider_account_id)
);

CREATE TABLE user_progress (
  user_id           uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  total_xp          bigint NOT NULL DEFAULT 0,
  current_level     bigint NOT NULL DEFAULT 1,
  total_skill_stars bigint NOT NULL DEFAULT 0
);

CREATE TABLE user_wallet (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  coins   bigint NOT NULL DEFAULT 0
);

CREATE TABLE habits (
  id         uuid PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name       text NOT NULL,
  settings   jsonb,
  created_at timestamptz NOT NULL
);
CREATE INDEX idx_habits_user ON habits (user_id);

CREATE TABLE habit_logs (
  id        uuid PRIMARY KEY,
  habit_id  uuid NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
  completed boolean NOT NULL DEFAULT false,
  logged_at timestamptz NOT NULL,
  note      text
);
CREATE INDEX idx_habit_logs_habit ON habit_logs (habit_id, logged_at);

CREATE TABLE readings (
  id          bigint PRIMARY KEY,
  device_id   uuid NOT NULL,
  value       double precision,
  amount      numeric(10,2),
  recorded_at timestamptz NOT NULL,
  payload     bytea
);
CREATE INDEX idx_readings_device ON readings (device_id, recorded_at);
