-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Lesbezoek shared dossier, schema step 5: corrections (addenda) and the
-- starter's acknowledgement ("gezien" and their reaction) travel with the
-- observation they belong to.
--
-- A final observation never changes (step 1): an observer corrects it by
-- adding an addendum, and the starter says they have seen it once. Both
-- live beside the observation, append-only, so adding them touches no byte
-- of the hashed body. Each is readable exactly when its observation is
-- (the policies of observation apply, the sub-select runs with the
-- reader's rights), never by a board administrator who only sees the
-- register: the reaction and the correction are content. A new row of
-- either puts a row in the change feed, so a pull sees it in order.

SET LOCAL ROLE lb_owner;

CREATE TABLE lesbezoek.addendum (
  uuid        uuid PRIMARY KEY,                 -- the tablet's own id of the addendum
  observation uuid NOT NULL REFERENCES lesbezoek.observation (uuid),
  author      uuid NOT NULL REFERENCES lesbezoek.person (id),
  text        text NOT NULL CHECK (length (text) BETWEEN 1 AND 100000),
  created_at  timestamptz NOT NULL,             -- when it was written, on the tablet
  pushed_by   name NOT NULL DEFAULT current_user,
  pushed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX addendum_observation ON lesbezoek.addendum (observation);

CREATE TABLE lesbezoek.acknowledgement (
  observation     uuid PRIMARY KEY REFERENCES lesbezoek.observation (uuid),
  starter         uuid NOT NULL REFERENCES lesbezoek.person (id),
  acknowledged_at timestamptz NOT NULL,         -- when the starter said "gezien", on the tablet
  reaction        text CHECK (length (reaction) <= 100000),
  pushed_by       name NOT NULL DEFAULT current_user,
  pushed_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER addendum_append_only BEFORE UPDATE OR DELETE ON lesbezoek.addendum
  FOR EACH ROW EXECUTE FUNCTION lesbezoek.append_only ();
CREATE TRIGGER addendum_no_truncate BEFORE TRUNCATE ON lesbezoek.addendum
  FOR EACH STATEMENT EXECUTE FUNCTION lesbezoek.append_only ();
CREATE TRIGGER acknowledgement_append_only BEFORE UPDATE OR DELETE ON lesbezoek.acknowledgement
  FOR EACH ROW EXECUTE FUNCTION lesbezoek.append_only ();
CREATE TRIGGER acknowledgement_no_truncate BEFORE TRUNCATE ON lesbezoek.acknowledgement
  FOR EACH STATEMENT EXECUTE FUNCTION lesbezoek.append_only ();

-- ---- the change feed ----------------------------------------------------
ALTER TABLE lesbezoek.change_feed DROP CONSTRAINT change_feed_kind_check;
ALTER TABLE lesbezoek.change_feed ADD CONSTRAINT change_feed_kind_check
  CHECK (kind IN ('created', 'updated', 'finalized', 'shared', 'addendum', 'acknowledged'));

-- The writer is the observation's observer (an addendum) or its starter
-- (an acknowledgement), so change_feed_insert of step 2 lets the row in.
CREATE FUNCTION lesbezoek.addendum_feed () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lesbezoek.change_feed (observation, starter, kind, version)
  SELECT o.uuid, o.starter, CASE WHEN TG_TABLE_NAME = 'addendum' THEN 'addendum' ELSE 'acknowledged' END,
         o.version
    FROM lesbezoek.observation o WHERE o.uuid = NEW.observation;
  RETURN NULL;
END
$$;
CREATE TRIGGER addendum_feed AFTER INSERT ON lesbezoek.addendum
  FOR EACH ROW EXECUTE FUNCTION lesbezoek.addendum_feed ();
CREATE TRIGGER acknowledgement_feed AFTER INSERT ON lesbezoek.acknowledgement
  FOR EACH ROW EXECUTE FUNCTION lesbezoek.addendum_feed ();

-- ---- who sees and writes them --------------------------------------------
ALTER TABLE lesbezoek.addendum ENABLE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.addendum FORCE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.acknowledgement ENABLE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.acknowledgement FORCE ROW LEVEL SECURITY;

-- The register opens every observation row to a board administrator for
-- existence only; that must not open their addenda and reactions.
CREATE POLICY addendum_read ON lesbezoek.addendum FOR SELECT
  USING (NOT (SELECT lesbezoek.register_only ())
         AND observation IN (SELECT o.uuid FROM lesbezoek.observation o));
CREATE POLICY acknowledgement_read ON lesbezoek.acknowledgement FOR SELECT
  USING (NOT (SELECT lesbezoek.register_only ())
         AND observation IN (SELECT o.uuid FROM lesbezoek.observation o));

-- Only the observation's own observer corrects it, as themselves, once it
-- is final, and only while they may still write for that starter in that
-- role (as step 2's observation_insert).
CREATE POLICY addendum_insert ON lesbezoek.addendum FOR INSERT
  WITH CHECK (author = (SELECT lesbezoek.me ()) AND pushed_by = current_user
              AND EXISTS (SELECT 1 FROM lesbezoek.observation o
                           WHERE o.uuid = addendum.observation AND o.observer = addendum.author
                             AND o.status = 'final'
                             AND CASE WHEN o.role = 'starter'
                                      THEN (SELECT lesbezoek.holds ('starter'))
                                      ELSE o.starter IN (SELECT lesbezoek.my_starters (ARRAY[o.role])) END));
-- Only the observation's starter says they have seen it, once.
CREATE POLICY acknowledgement_insert ON lesbezoek.acknowledgement FOR INSERT
  WITH CHECK (starter = (SELECT lesbezoek.me ()) AND (SELECT lesbezoek.holds ('starter'))
              AND pushed_by = current_user
              AND EXISTS (SELECT 1 FROM lesbezoek.observation o
                           WHERE o.uuid = acknowledgement.observation
                             AND o.starter = acknowledgement.starter AND o.status = 'final'));

-- No grant to lb_board_admin: a mere administrator reads neither.
GRANT SELECT ON lesbezoek.addendum, lesbezoek.acknowledgement
  TO lb_assessor, lb_coach, lb_school_leader, lb_starter;
GRANT INSERT (uuid, observation, author, text, created_at) ON lesbezoek.addendum
  TO lb_assessor, lb_coach, lb_school_leader, lb_starter;
GRANT INSERT (observation, starter, acknowledged_at, reaction) ON lesbezoek.acknowledgement
  TO lb_starter;

RESET ROLE;
INSERT INTO lesbezoek.schema_version (version) VALUES (5);
