-- A Supabase-like FreshTrack Pro database (seeds 003, 000, 001): Supabase's auth.users and the app's
-- public tables, with the values that make such a move awkward: money as numeric, timestamptz with
-- microseconds, NULLs, unicode, JSON with a user id inside, a text column of user ids without a
-- foreign key, a user whose profile was deleted, and a user deleted from auth whose id is still in
-- text and JSON columns (an orphan reference). Deterministic: no random(), no now().
--
--   psql "$SUPABASE_DB_URL" -v ON_ERROR_STOP=1 -f generate.sql      (run.sh does this on a scratch database)

CREATE SCHEMA IF NOT EXISTS auth;

CREATE TABLE auth.users (
  id                 uuid PRIMARY KEY,
  email              text NOT NULL UNIQUE,
  encrypted_password text,
  email_confirmed_at timestamptz,
  created_at         timestamptz NOT NULL,
  raw_user_meta_data jsonb
);

CREATE TABLE organizations (
  id          uuid PRIMARY KEY,
  name        text NOT NULL,
  monthly_fee numeric(12,2),
  settings    jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL
);

CREATE TABLE profiles (
  id              uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
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

-- 24 users, plus two that will lose something below: user 25's profile is deleted, user 26 is deleted.
INSERT INTO auth.users
SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid,
       CASE g WHEN 3 THEN 'zoë.müller@example.com'
              WHEN 4 THEN 'O''Brien+alerts@example.com'
              ELSE 'user' || g || '@freshtrack.example' END,
       '$2a$10$' || md5('pw' || g),
       CASE WHEN g % 6 = 0 THEN NULL ELSE timestamptz '2024-01-01 08:00:00.123456+00' + g * interval '1 day 1.000001 second' END,
       timestamptz '2023-12-31 23:59:59.999999+00' + g * interval '1 day',
       CASE WHEN g % 5 = 0 THEN NULL
            ELSE jsonb_build_object('full_name', 'User ' || g, 'locale', (ARRAY['en', 'de', 'ja', 'pt-BR'])[1 + g % 4]) END
FROM generate_series(1, 26) g;

INSERT INTO organizations VALUES
  ('10000000-0000-4000-8000-000000000001', 'FreshTrack Demo Foods', 1234.50, '{"units": "°C", "alerts": {"sms": true}}',
   '2023-11-01 09:30:00.000001+00'),
  ('10000000-0000-4000-8000-000000000002', 'Café Zoë & Søn — 東京', 0.10, '{}', '2023-11-15 23:59:59.999999+00'),
  ('10000000-0000-4000-8000-000000000003', 'Empty Org', NULL, '{"note": null}', '2024-02-29 12:00:00+00');

INSERT INTO profiles
SELECT u.id,
       ('10000000-0000-4000-8000-00000000000' || (1 + g % 2))::uuid,
       CASE WHEN g = 7 THEN NULL WHEN g = 3 THEN 'Zoë Müller' WHEN g = 4 THEN 'Seán O''Brien' ELSE 'User ' || g END,
       CASE WHEN g % 3 = 0 THEN NULL ELSE '+1-555-01' || lpad(g::text, 2, '0') END,
       CASE WHEN g = 1 THEN 'owner' WHEN g % 4 = 0 THEN 'manager' ELSE 'staff' END,
       u.created_at + interval '00:00:00.5'
FROM auth.users u, generate_series(1, 26) g
WHERE u.id = ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid;

INSERT INTO sites
SELECT ('20000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid,
       ('10000000-0000-4000-8000-00000000000' || (1 + g % 2))::uuid,
       (ARRAY['Kitchen', 'Walk-in Cooler', 'Bäckerei', 'Warehouse 2'])[1 + g % 4] || ' #' || g,
       (ARRAY['America/New_York', 'Europe/Berlin', 'Asia/Tokyo'])[1 + g % 3],
       CASE WHEN g = 2 THEN NULL ELSE g || ' Main St' END,
       timestamptz '2023-12-01 00:00:00+00' + g * interval '3 hours 0.000007 seconds'
FROM generate_series(1, 6) g;

INSERT INTO units
SELECT ('30000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid,
       ('20000000-0000-4000-8000-' || lpad((1 + g % 6)::text, 12, '0'))::uuid,
       'Unit ' || g || CASE WHEN g % 5 = 0 THEN ' ❄️' ELSE '' END,
       CASE WHEN g % 4 = 0 THEN NULL ELSE -20.00 + g % 3 END,
       CASE WHEN g % 4 = 0 THEN NULL ELSE 4.50 END,
       ('00000000-0000-4000-8000-' || lpad((1 + g % 26)::text, 12, '0'))::uuid,
       timestamptz '2023-12-05 10:00:00.25+00' + g * interval '1 hour'
FROM generate_series(1, 12) g;

INSERT INTO sensor_readings (unit_id, temperature, humidity, battery, recorded_at)
SELECT ('30000000-0000-4000-8000-' || lpad((1 + g % 12)::text, 12, '0'))::uuid,
       round((-18.5 + (g % 97) / 7.0)::numeric, 2),
       CASE WHEN g % 11 = 0 THEN NULL ELSE 40 + (g % 300) / 10.0 END,
       CASE WHEN g % 13 = 0 THEN NULL ELSE (100 - g % 100)::smallint END,
       timestamptz '2024-03-10 01:59:00+00' + g * interval '37.123456 seconds'
FROM generate_series(1, 5000) g;

INSERT INTO alerts (unit_id, severity, message, acknowledged_by, acknowledged_at, created_by, details, created_at)
SELECT ('30000000-0000-4000-8000-' || lpad((1 + g % 12)::text, 12, '0'))::uuid,
       (ARRAY['info', 'warning', 'critical'])[1 + g % 3],
       'Temperature out of range: ' || (g % 9) || ' °C above max',
       CASE WHEN g % 4 = 0 THEN NULL ELSE ('00000000-0000-4000-8000-' || lpad((1 + g % 26)::text, 12, '0'))::uuid END,
       CASE WHEN g % 4 = 0 THEN NULL ELSE timestamptz '2024-03-11 00:00:00.000001+00' + g * interval '1 minute' END,
       '00000000-0000-4000-8000-' || lpad((1 + (g + 3) % 26)::text, 12, '0'),
       jsonb_build_object('assignee', jsonb_build_object('id', '00000000-0000-4000-8000-' || lpad((1 + (g + 5) % 26)::text, 12, '0')),
                          'threshold', 4.5, 'tags', jsonb_build_array('cold-chain', g % 2 = 0)),
       timestamptz '2024-03-11 00:00:00+00' + g * interval '59.999999 seconds'
FROM generate_series(1, 200) g;
INSERT INTO alerts (unit_id, severity, message, created_by, details, created_at) VALUES
  ('30000000-0000-4000-8000-000000000001', 'info', 'System check, no user', NULL, '{"assignee": null}', '2024-03-12 00:00:00+00');

INSERT INTO event_logs (organization_id, actor_id, event_type, payload, created_at)
SELECT CASE WHEN g % 17 = 0 THEN NULL ELSE ('10000000-0000-4000-8000-00000000000' || (1 + g % 2))::uuid END,
       CASE WHEN g % 10 = 0 THEN NULL ELSE '00000000-0000-4000-8000-' || lpad((1 + g % 26)::text, 12, '0') END,
       (ARRAY['login', 'unit.updated', 'alert.acknowledged', 'export'])[1 + g % 4],
       CASE WHEN g % 3 = 0 THEN NULL ELSE jsonb_build_object('ip', '203.0.113.' || (g % 250), 'ua', 'Mozilla/5.0 ☃') END,
       timestamptz '2024-01-01 00:00:00+00' + g * interval '13 minutes 0.000001 seconds'
FROM generate_series(1, 1500) g;

-- User 25 deletes their profile (the account stays); user 26 is deleted outright: their profile goes
-- with them (ON DELETE CASCADE), acknowledged_by and units.created_by become NULL (ON DELETE SET
-- NULL), but their id stays in alerts.created_by, alerts.details and event_logs.actor_id, which have
-- no foreign key: orphan references, which the migration reports.
DELETE FROM profiles WHERE id = '00000000-0000-4000-8000-000000000025';
DELETE FROM auth.users WHERE id = '00000000-0000-4000-8000-000000000026';
