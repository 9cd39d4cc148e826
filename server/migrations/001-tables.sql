-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Lesbezoek shared dossier, schema step 1: the roles, the tables and the
-- triggers that keep final observations final.
--
-- Run by a superuser in one transaction, after no other step, either by
--   lesbezoek-server init --db postgresql://…
-- or by hand:
--   psql -v ON_ERROR_STOP=1 -1 -d DB -f server/migrations/001-tables.sql
--   psql -v ON_ERROR_STOP=1 -1 -d DB -f server/migrations/002-row-security.sql   (and so on)
--
-- Every object belongs to lb_owner, a role that cannot log in and of which
-- no role is a member: nobody who connects owns the tables, so nobody can
-- switch row security off or grant themselves more. The superuser that runs
-- the steps and `lesbezoek-server user …` is the only way around the
-- policies, as it is in every PostgreSQL database.

-- Roles are shared by all databases of a cluster: create them only once.
DO $$
DECLARE
  r text;
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lb_owner') THEN
    CREATE ROLE lb_owner NOLOGIN;
  END IF;
  ALTER ROLE lb_owner NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
  FOREACH r IN ARRAY ARRAY['lb_assessor', 'lb_coach', 'lb_school_leader', 'lb_starter', 'lb_board_admin']
  LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', r);
  END LOOP;
END
$$;

CREATE SCHEMA lesbezoek AUTHORIZATION lb_owner;
REVOKE ALL ON SCHEMA lesbezoek FROM PUBLIC;

SET LOCAL ROLE lb_owner;

CREATE TABLE lesbezoek.schema_version (
  version    integer PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- A person: a starter, or someone who observes them. The id is the
-- person's uuid on the tablets, so that what a tablet pushes and pulls
-- names the same person everywhere.
CREATE TABLE lesbezoek.person (
  id         uuid PRIMARY KEY,
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  school     text,
  board      text,
  is_starter boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Which PostgreSQL login is which person. One login per person.
CREATE TABLE lesbezoek.account (
  login      name PRIMARY KEY,
  person     uuid NOT NULL UNIQUE REFERENCES lesbezoek.person (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Who coaches, assesses or leads which starter. Revoking keeps the row
-- (revoked_at) so that what was written under it can still be explained.
CREATE TABLE lesbezoek.assignment (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  observer   uuid NOT NULL REFERENCES lesbezoek.person (id),
  starter    uuid NOT NULL REFERENCES lesbezoek.person (id),
  role       text NOT NULL CHECK (role IN ('assessor', 'coach', 'school-leader')),
  granted_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CHECK (observer <> starter)
);
CREATE UNIQUE INDEX assignment_active ON lesbezoek.assignment (observer, starter, role)
  WHERE revoked_at IS NULL;
CREATE INDEX assignment_starter ON lesbezoek.assignment (starter) WHERE revoked_at IS NULL;

-- One observation: the metadata the policies decide on, and the body that
-- travels (the canonical XML of lb_observation_canonical). version is the
-- server's revision of the row; an update must name the version it was
-- based on (base_version), so two tablets never silently overwrite each
-- other's draft.
CREATE TABLE lesbezoek.observation (
  uuid         uuid PRIMARY KEY,
  starter      uuid NOT NULL REFERENCES lesbezoek.person (id),
  observer     uuid NOT NULL REFERENCES lesbezoek.person (id),
  role         text NOT NULL CHECK (role IN ('assessor', 'coach', 'school-leader', 'starter')),
  purpose      text NOT NULL CHECK (purpose IN ('formatief', 'summatief', 'klassenbezoek', 'zelfbeoordeling')),
  status       text NOT NULL CHECK (status IN ('draft', 'final')),
  date         date NOT NULL,
  content_hash text CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  body         text NOT NULL,
  base_version integer NOT NULL DEFAULT 0 CHECK (base_version >= 0),
  version      integer NOT NULL DEFAULT 1,
  pushed_by    name NOT NULL DEFAULT current_user,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'draft' OR content_hash IS NOT NULL),
  -- which role writes which kind of observation (as the app pairs them)
  CHECK ((purpose, role) IN (('formatief', 'coach'), ('formatief', 'school-leader'),
                             ('summatief', 'assessor'), ('klassenbezoek', 'school-leader'),
                             ('zelfbeoordeling', 'starter'))),
  CHECK ((role = 'starter') = (observer = starter))
);
CREATE INDEX observation_starter ON lesbezoek.observation (starter);
CREATE INDEX observation_observer ON lesbezoek.observation (observer);

-- A starter shares a final formative observation (or a self-assessment)
-- with the people assigned to them. Append-only: sharing never changes the
-- observation, so a final observation can be shared.
CREATE TABLE lesbezoek.share (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  observation uuid NOT NULL UNIQUE REFERENCES lesbezoek.observation (uuid),
  starter     uuid NOT NULL REFERENCES lesbezoek.person (id),
  observer    uuid NOT NULL REFERENCES lesbezoek.person (id),
  shared_by   name NOT NULL DEFAULT current_user,
  shared_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX share_starter ON lesbezoek.share (starter);

-- Every change to an observation, and every share, in commit order. A
-- tablet pulls what it may see with seq greater than the last it has.
CREATE TABLE lesbezoek.change_feed (
  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  observation uuid NOT NULL REFERENCES lesbezoek.observation (uuid),
  starter     uuid NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('created', 'updated', 'finalized', 'shared')),
  version     integer NOT NULL,
  changed_by  name NOT NULL DEFAULT current_user,
  changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_feed_observation ON lesbezoek.change_feed (observation);

-- ---- final means final --------------------------------------------------
-- The errors carry their own SQLSTATEs so that a client can tell them apart:
--   LBF01 a final observation cannot change    LBH01 content_hash ≠ SHA-256 of body
--   LBC01 based on an older version (conflict)  LBI01 identity of a row cannot change
--   LBA01 an append-only table
CREATE FUNCTION lesbezoek.observation_guard () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'final' THEN
      RAISE EXCEPTION 'observation % is final and cannot be deleted', OLD.uuid
        USING ERRCODE = 'LBF01';
    END IF;
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.status = 'final' THEN
      RAISE EXCEPTION 'observation % is final and cannot be changed; add an addendum instead', OLD.uuid
        USING ERRCODE = 'LBF01';
    END IF;
    IF (NEW.uuid, NEW.starter, NEW.observer, NEW.role, NEW.purpose)
       IS DISTINCT FROM (OLD.uuid, OLD.starter, OLD.observer, OLD.role, OLD.purpose) THEN
      RAISE EXCEPTION 'the starter, observer, role and purpose of observation % cannot change', OLD.uuid
        USING ERRCODE = 'LBI01';
    END IF;
    IF NEW.base_version IS DISTINCT FROM OLD.version THEN
      RAISE EXCEPTION 'observation % was changed elsewhere (server version %, based on %)',
        OLD.uuid, OLD.version, NEW.base_version
        USING ERRCODE = 'LBC01';
    END IF;
    NEW.version := OLD.version + 1;
    NEW.created_at := OLD.created_at;
  ELSE
    NEW.version := 1;
    NEW.created_at := now();
  END IF;
  NEW.updated_at := now();
  NEW.pushed_by := current_user;
  IF NEW.status = 'final'
     AND NEW.content_hash IS DISTINCT FROM encode(sha256(convert_to(NEW.body, 'UTF8')), 'hex') THEN
    RAISE EXCEPTION 'the content hash of observation % is not the SHA-256 of its body', NEW.uuid
      USING ERRCODE = 'LBH01';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER observation_guard
  BEFORE INSERT OR UPDATE OR DELETE ON lesbezoek.observation
  FOR EACH ROW EXECUTE FUNCTION lesbezoek.observation_guard ();

CREATE FUNCTION lesbezoek.append_only () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'LBA01';
END
$$;

CREATE TRIGGER share_append_only BEFORE UPDATE OR DELETE ON lesbezoek.share
  FOR EACH ROW EXECUTE FUNCTION lesbezoek.append_only ();
CREATE TRIGGER share_no_truncate BEFORE TRUNCATE ON lesbezoek.share
  FOR EACH STATEMENT EXECUTE FUNCTION lesbezoek.append_only ();
CREATE TRIGGER change_feed_append_only BEFORE UPDATE OR DELETE ON lesbezoek.change_feed
  FOR EACH ROW EXECUTE FUNCTION lesbezoek.append_only ();
CREATE TRIGGER change_feed_no_truncate BEFORE TRUNCATE ON lesbezoek.change_feed
  FOR EACH STATEMENT EXECUTE FUNCTION lesbezoek.append_only ();
CREATE TRIGGER observation_no_truncate BEFORE TRUNCATE ON lesbezoek.observation
  FOR EACH STATEMENT EXECUTE FUNCTION lesbezoek.append_only ();

-- ---- the change feed ----------------------------------------------------
-- Writers to the feed take one transaction-scoped lock before their rows
-- get their numbers (a statement trigger: identity values are drawn when a
-- row is formed, before any row trigger), so sequence numbers are handed
-- out in commit order: a pull that has seen seq N can never later find a
-- committed N-1 it skipped. The lock is held only from the feed row to the
-- commit of a short push transaction.
CREATE FUNCTION lesbezoek.change_feed_lock () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(8, 1);
  RETURN NULL;
END
$$;
CREATE TRIGGER change_feed_lock BEFORE INSERT ON lesbezoek.change_feed
  FOR EACH STATEMENT EXECUTE FUNCTION lesbezoek.change_feed_lock ();

CREATE FUNCTION lesbezoek.observation_feed () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lesbezoek.change_feed (observation, starter, kind, version)
  VALUES (NEW.uuid, NEW.starter,
          CASE WHEN TG_OP = 'INSERT' THEN 'created'
               WHEN NEW.status = 'final' THEN 'finalized'
               ELSE 'updated' END,
          NEW.version);
  RETURN NULL;
END
$$;
CREATE TRIGGER observation_feed AFTER INSERT OR UPDATE ON lesbezoek.observation
  FOR EACH ROW EXECUTE FUNCTION lesbezoek.observation_feed ();

CREATE FUNCTION lesbezoek.share_feed () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lesbezoek.change_feed (observation, starter, kind, version)
  SELECT NEW.observation, NEW.starter, 'shared', o.version
    FROM lesbezoek.observation o WHERE o.uuid = NEW.observation;
  RETURN NULL;
END
$$;
CREATE TRIGGER share_feed AFTER INSERT ON lesbezoek.share
  FOR EACH ROW EXECUTE FUNCTION lesbezoek.share_feed ();

RESET ROLE;
INSERT INTO lesbezoek.schema_version (version) VALUES (1);
