-- The new database's schema, as FreshTrack's own schema migrations create it (seed 001,
-- prerequisite 2: "All database tables created (Phase 1 complete)"): the public tables only, foreign
-- keys on. There is no auth schema: users live in the new auth provider, and every column that held a
-- Supabase user id holds the provider's id after the import.
--
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f target.sql

CREATE TABLE organizations (
  id          uuid PRIMARY KEY,
  name        text NOT NULL,
  monthly_fee numeric(12,2),
  settings    jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL
);

CREATE TABLE profiles (
  id              uuid PRIMARY KEY,  -- the user's id in the new auth provider (was auth.users.id)
  organization_id uuid REFERENCES organizations (id),
  full_name       text,
  phone           text,
  role            text NOT NULL DEFAULT 'staff',
  created_at      timestamptz NOT NULL
);

CREATE TABLE sites (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations (id),
  name            text NOT NULL,
  timezone        text NOT NULL,
  address         text,
  created_at      timestamptz NOT NULL
);

CREATE TABLE units (
  id         uuid PRIMARY KEY,
  site_id    uuid NOT NULL REFERENCES sites (id),
  name       text NOT NULL,
  temp_min   numeric(5,2),
  temp_max   numeric(5,2),
  created_by uuid REFERENCES profiles (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE sensor_readings (
  id          bigserial PRIMARY KEY,
  unit_id     uuid NOT NULL REFERENCES units (id),
  temperature numeric(6,2) NOT NULL,
  humidity    double precision,
  battery     smallint,
  recorded_at timestamptz NOT NULL
);

CREATE TABLE alerts (
  id              bigserial PRIMARY KEY,
  unit_id         uuid NOT NULL REFERENCES units (id),
  severity        text NOT NULL,
  message         text NOT NULL,
  acknowledged_by uuid REFERENCES profiles (id) ON DELETE SET NULL,
  acknowledged_at timestamptz,
  created_by      text,          -- a user id, written by an edge function; no foreign key
  details         jsonb,         -- {"assignee": {"id": <user id>}, ...}
  created_at      timestamptz NOT NULL
);

CREATE TABLE event_logs (
  id              bigserial PRIMARY KEY,
  organization_id uuid REFERENCES organizations (id),
  actor_id        text,          -- a user id; no foreign key
  event_type      text NOT NULL,
  payload         jsonb,
  created_at      timestamptz NOT NULL
);
