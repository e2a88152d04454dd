-- perm-tracker v1 on Supabase (PostgreSQL): the tables seed plan 002 migrates to Convex, with the
-- values its transformation has to get right. Deterministic (no random()): every run gives the
-- same rows, so the counts in the runbook and the tests hold.
--
--   users             240   -> userProfiles (with user_settings and user_preferences merged in)
--   user_settings     216   every 10th user has none: the merged fields are absent for them
--   user_preferences  160   every 3rd user has none
--   cases             600   DECIMAL(10,2) money, DATE columns, timestamps with microseconds,
--                           text[] tags with NULL lists, NULL elements and empty lists,
--                           RFI/RFE entries as JSONB arrays of objects, booleans with defaults
--   notifications     480   not migrated (fresh start)
--   conversations     120   not migrated (fresh start)
--
-- Awkward values on purpose: money 0.00, 99999999.99 (the largest DECIMAL(10,2)) and NULL;
-- timestamps at .999999 (epoch ms rounds toward the past) and one before 1970 (negative epoch ms);
-- 2024-02-29; names with accents, emoji and an apostrophe; notes with a line break and a tab;
-- an empty string; nullable booleans that are NULL (the spec's defaults fill them in).

SET client_min_messages = warning;  -- quiet the DROP ... IF EXISTS notices on a fresh database
DROP TABLE IF EXISTS conversations, notifications, cases, user_preferences, user_settings, users CASCADE;

CREATE TABLE users (
  id                    uuid PRIMARY KEY,
  email                 text NOT NULL UNIQUE,
  full_name             text,
  firm_name             text,
  role                  text NOT NULL DEFAULT 'attorney',
  is_admin              boolean NOT NULL DEFAULT false,
  onboarding_completed  boolean NOT NULL DEFAULT false,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  last_login_at         timestamptz
);

CREATE TABLE user_settings (
  id                    uuid PRIMARY KEY,
  user_id               uuid NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  email_notifications   boolean NOT NULL DEFAULT true,
  push_notifications    boolean NOT NULL DEFAULT false,
  reminder_days_before  integer DEFAULT 7,
  timezone              text NOT NULL DEFAULT 'America/New_York',
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_preferences (
  id                    uuid PRIMARY KEY,
  user_id               uuid NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  theme                 text DEFAULT 'system',
  default_case_view     text DEFAULT 'list',
  dashboard_layout      jsonb,
  calendar_sync_enabled boolean DEFAULT true,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cases (
  id                             uuid PRIMARY KEY,
  user_id                        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  employer_name                  text NOT NULL,
  beneficiary_name               text,
  position_title                 text,
  case_status                    text NOT NULL DEFAULT 'pwd',
  progress_status                text DEFAULT 'working',
  pwd_filing_date                date,
  pwd_determination_date         date,
  pwd_expiration_date            date,
  eta9089_filing_date            date,
  i140_filing_date               date,
  offered_wage                   DECIMAL(10,2),
  prevailing_wage                DECIMAL(10,2),
  tags                           text[],
  additional_recruitment_methods jsonb,
  rfi_entries                    jsonb NOT NULL DEFAULT '[]',
  rfe_entries                    jsonb,
  is_favorite                    boolean NOT NULL DEFAULT false,
  is_professional_occupation     boolean NOT NULL DEFAULT false,
  calendar_sync_enabled          boolean DEFAULT true,
  notes                          text,
  created_at                     timestamptz NOT NULL DEFAULT now(),
  updated_at                     timestamptz NOT NULL DEFAULT now(),
  deleted_at                     timestamptz
);
CREATE INDEX cases_user_id_idx ON cases (user_id);

CREATE TABLE notifications (
  id          uuid PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  case_id     uuid REFERENCES cases (id) ON DELETE CASCADE,
  kind        text NOT NULL,
  message     text NOT NULL,
  read        boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE conversations (
  id          uuid PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title       text,
  messages    jsonb NOT NULL DEFAULT '[]',
  created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO users (id, email, full_name, firm_name, role, is_admin, onboarding_completed, created_at, updated_at, last_login_at)
SELECT md5('user-' || g)::uuid,
       'user' || g || '@example-firm' || (g % 7) || '.com',
       CASE WHEN g = 1 THEN 'José Álvarez-Núñez'
            WHEN g = 2 THEN 'Zoë O''Brien 😀'
            WHEN g = 3 THEN ''
            WHEN g % 17 = 0 THEN NULL
            ELSE 'Attorney ' || g END,
       CASE WHEN g % 5 = 0 THEN NULL ELSE 'Firm ' || (g % 7) || ' LLP' END,
       CASE WHEN g % 11 = 0 THEN 'paralegal' ELSE 'attorney' END,
       g % 50 = 0,
       g % 4 <> 0,
       CASE WHEN g = 4 THEN timestamptz '1969-12-31 23:59:59.999999+00'   -- a record imported from the old system
            ELSE timestamptz '2022-01-03 09:00:00+00' + g * interval '3 days 5 hours 7 minutes 11.123457 seconds' END,
       timestamptz '2024-06-01 12:00:00.999999+00' + g * interval '1 hour 0.000001 seconds',
       CASE WHEN g % 9 = 0 THEN NULL
            ELSE timestamptz '2024-11-01 08:30:00+00' + g * interval '17 minutes 0.5 seconds' END
FROM generate_series(1, 240) g;

INSERT INTO user_settings (id, user_id, email_notifications, push_notifications, reminder_days_before, timezone, created_at, updated_at)
SELECT md5('settings-' || g)::uuid, md5('user-' || g)::uuid,
       g % 6 <> 0, g % 4 = 0,
       CASE WHEN g % 13 = 0 THEN NULL ELSE 1 + g % 30 END,
       (ARRAY['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Kolkata'])[1 + g % 4],
       timestamptz '2022-02-01 00:00:00+00' + g * interval '1 day',
       timestamptz '2024-02-01 00:00:00+00' + g * interval '1 day'
FROM generate_series(1, 240) g
WHERE g % 10 <> 0;

INSERT INTO user_preferences (id, user_id, theme, default_case_view, dashboard_layout, calendar_sync_enabled, created_at, updated_at)
SELECT md5('prefs-' || g)::uuid, md5('user-' || g)::uuid,
       (ARRAY['system', 'light', 'dark'])[1 + g % 3],
       CASE WHEN g % 8 = 0 THEN NULL ELSE (ARRAY['list', 'kanban', 'calendar'])[1 + g % 3] END,
       CASE WHEN g % 5 = 0 THEN NULL
            ELSE jsonb_build_object('widgets', jsonb_build_array('deadlines', 'recent_cases'), 'columns', 1 + g % 3) END,
       CASE WHEN g % 7 = 0 THEN NULL ELSE g % 2 = 0 END,
       timestamptz '2022-03-01 00:00:00+00' + g * interval '1 day',
       timestamptz '2024-03-01 00:00:00+00' + g * interval '1 day'
FROM generate_series(1, 240) g
WHERE g % 3 <> 0;

INSERT INTO cases (id, user_id, employer_name, beneficiary_name, position_title, case_status, progress_status,
                   pwd_filing_date, pwd_determination_date, pwd_expiration_date, eta9089_filing_date, i140_filing_date,
                   offered_wage, prevailing_wage, tags, additional_recruitment_methods, rfi_entries, rfe_entries,
                   is_favorite, is_professional_occupation, calendar_sync_enabled, notes, created_at, updated_at, deleted_at)
SELECT md5('case-' || g)::uuid,
       md5('user-' || (1 + g % 240))::uuid,
       CASE WHEN g = 1 THEN 'Café Société & Co.' ELSE 'Employer ' || (g % 97) || ' Inc.' END,
       CASE WHEN g % 19 = 0 THEN NULL ELSE 'Beneficiary ' || g END,
       (ARRAY['Software Engineer', 'Data Scientist', 'Physical Therapist', 'Accountant'])[1 + g % 4],
       (ARRAY['pwd', 'recruitment', 'eta9089', 'i140', 'closed'])[1 + g % 5],
       CASE WHEN g % 10 = 0 THEN NULL ELSE (ARRAY['working', 'waiting_intake', 'filed', 'approved'])[1 + g % 4] END,
       CASE WHEN g = 2 THEN date '2024-02-29' ELSE date '2023-01-02' + (g % 400) END,
       CASE WHEN g % 3 = 0 THEN NULL ELSE date '2023-03-01' + (g % 400) END,
       CASE WHEN g % 3 = 0 THEN NULL ELSE date '2024-06-30' + (g % 400) END,
       CASE WHEN g % 2 = 0 THEN NULL ELSE date '2024-01-15' + (g % 300) END,
       CASE WHEN g % 5 <> 0 THEN NULL ELSE date '2024-09-01' + (g % 200) END,
       CASE WHEN g = 1 THEN 99999999.99
            WHEN g = 2 THEN 0.00
            WHEN g % 23 = 0 THEN NULL
            ELSE round((85000 + (g * 7919) % 90000)::numeric + (g % 100) / 100.0, 2) END,
       CASE WHEN g % 4 = 0 THEN NULL ELSE round((80000 + (g * 104729) % 60000)::numeric + 0.5, 2) END,
       CASE WHEN g % 6 = 0 THEN NULL                       -- a NULL list: [] in Convex (the spec's default)
            WHEN g % 6 = 1 THEN '{}'::text[]
            WHEN g = 5 THEN ARRAY['urgent', NULL]          -- a NULL element stays null inside the array
            ELSE ARRAY['priority-' || (g % 3), 'employer-' || (g % 97)] END,
       CASE WHEN g % 4 = 0 THEN NULL
            ELSE jsonb_build_array(jsonb_build_object('method', 'job_fair', 'date', (date '2023-05-01' + (g % 60))::text),
                                   jsonb_build_object('method', 'employer_website', 'date', NULL)) END,
       CASE WHEN g % 8 = 0
            THEN jsonb_build_array(jsonb_build_object('id', md5('rfi-' || g)::uuid, 'title', 'Request for information',
                                   'received_date', (date '2024-04-01' + (g % 90))::text,
                                   'response_due_date', (date '2024-05-01' + (g % 90))::text,
                                   'response_submitted_date', NULL))
            ELSE '[]'::jsonb END,
       CASE WHEN g % 12 = 0
            THEN jsonb_build_array(jsonb_build_object('id', md5('rfe-' || g)::uuid, 'title', 'Request for evidence',
                                   'received_date', (date '2024-07-01' + (g % 60))::text,
                                   'response_due_date', (date '2024-09-01' + (g % 60))::text,
                                   'response_submitted_date', (date '2024-08-15' + (g % 60))::text))
            WHEN g % 3 = 0 THEN NULL
            ELSE '[]'::jsonb END,
       g % 9 = 0,
       g % 2 = 0,
       CASE WHEN g % 11 = 0 THEN NULL ELSE g % 3 <> 0 END,
       CASE WHEN g = 3 THEN E'Called HR twice.\n\tFollow up on Monday'
            WHEN g % 4 = 0 THEN NULL
            ELSE 'Case note ' || g END,
       timestamptz '2023-01-02 10:00:00.999999+00' + g * interval '13 hours 1.000001 seconds',
       timestamptz '2024-07-01 10:00:00.123456+00' + g * interval '2 hours 0.000001 seconds',
       CASE WHEN g % 25 = 0 THEN timestamptz '2024-10-01 00:00:00.5+00' + g * interval '1 minute' END
FROM generate_series(1, 600) g;

INSERT INTO notifications (id, user_id, case_id, kind, message, read, created_at)
SELECT md5('notification-' || g)::uuid, md5('user-' || (1 + g % 240))::uuid,
       CASE WHEN g % 5 = 0 THEN NULL ELSE md5('case-' || (1 + g % 600))::uuid END,
       (ARRAY['deadline', 'status_change', 'system'])[1 + g % 3],
       'Notification ' || g, g % 2 = 0,
       timestamptz '2024-01-01 00:00:00+00' + g * interval '5 hours'
FROM generate_series(1, 480) g;

INSERT INTO conversations (id, user_id, title, messages, created_at)
SELECT md5('conversation-' || g)::uuid, md5('user-' || (1 + g % 240))::uuid, 'Chat ' || g,
       jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'When is my PWD due?')),
       timestamptz '2024-05-01 00:00:00+00' + g * interval '1 day'
FROM generate_series(1, 120) g;
