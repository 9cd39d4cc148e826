-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Lesbezoek shared dossier, schema step 2: who may see and write what,
-- enforced by row-level security (FORCE, so not even the owner escapes it)
-- and by grants. The rules, from issue 8:
--
--  * a formative observation is readable only by its observer (the coach)
--    and the starter, unless the starter shares it;
--  * assessors and school leaders see the summative observations and class
--    visits of the starters they are assigned to;
--  * a board administrator sees that observations exist (who, when,
--    purpose, status), through a column-restricted grant, but never a body
--    unless assigned;
--  * a starter sees their whole own dossier;
--  * everyone writes only as themselves, only for starters they are
--    assigned to, only in a role they hold.
--
-- Someone else's observation becomes visible when it is final: a draft is
-- its author's work in progress. Helper functions are plain SECURITY
-- INVOKER functions: they see only what the caller may see. Policies call
-- them inside a sub-select, so each is evaluated once per query, not once
-- per row.

SET LOCAL ROLE lb_owner;

-- The person the current login is, or NULL.
CREATE FUNCTION lesbezoek.me () RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT a.person FROM lesbezoek.account a WHERE a.login = current_user
$$;

-- Does the current login hold the group role of an observation role
-- ('assessor', 'coach', 'school-leader', 'starter', 'board-admin')?
CREATE FUNCTION lesbezoek.holds (role text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT role IN ('assessor', 'coach', 'school-leader', 'starter', 'board-admin')
     AND pg_has_role(current_user, 'lb_' || replace(role, '-', '_'), 'MEMBER')
$$;

-- The starters the current login is actively assigned to in one of roles,
-- holding that role's group role too: revoking either ends the assignment.
CREATE FUNCTION lesbezoek.my_starters (roles text[]) RETURNS SETOF uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT a.starter FROM lesbezoek.assignment a
   WHERE a.observer = lesbezoek.me () AND a.revoked_at IS NULL
     AND a.role = ANY (roles) AND lesbezoek.holds (a.role)
$$;

-- A board administrator who also reads content in another role must not
-- have the register's rows opened up for that role's column grants (grants
-- and policies both add up), so the register is theirs only while they hold
-- no content role; then they see what that role lets them see.
CREATE FUNCTION lesbezoek.register_only () RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT lesbezoek.holds ('board-admin')
     AND NOT (lesbezoek.holds ('assessor') OR lesbezoek.holds ('coach')
              OR lesbezoek.holds ('school-leader') OR lesbezoek.holds ('starter'))
$$;

ALTER TABLE lesbezoek.schema_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.schema_version FORCE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.person ENABLE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.person FORCE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.account ENABLE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.account FORCE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.assignment ENABLE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.assignment FORCE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.observation ENABLE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.observation FORCE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.share ENABLE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.share FORCE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.change_feed ENABLE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.change_feed FORCE ROW LEVEL SECURITY;

-- ---- reading ------------------------------------------------------------
CREATE POLICY schema_version_read ON lesbezoek.schema_version FOR SELECT USING (true);

CREATE POLICY account_read ON lesbezoek.account FOR SELECT
  USING (login = current_user);

CREATE POLICY assignment_read ON lesbezoek.assignment FOR SELECT
  USING (observer = (SELECT lesbezoek.me ()) OR starter = (SELECT lesbezoek.me ())
         OR (SELECT lesbezoek.holds ('board-admin')));

-- Their own observations, those of the observations' authors and starters
-- they can see, the people they are assigned to and who is assigned to them.
CREATE POLICY observation_own ON lesbezoek.observation FOR SELECT
  USING (observer = (SELECT lesbezoek.me ()));
CREATE POLICY observation_dossier ON lesbezoek.observation FOR SELECT
  USING (starter = (SELECT lesbezoek.me ()) AND status = 'final');
CREATE POLICY observation_assigned ON lesbezoek.observation FOR SELECT
  USING (status = 'final' AND purpose IN ('summatief', 'klassenbezoek')
         AND starter IN (SELECT lesbezoek.my_starters (ARRAY['assessor', 'school-leader'])));
CREATE POLICY observation_shared ON lesbezoek.observation FOR SELECT
  USING (status = 'final'
         AND uuid IN (SELECT s.observation FROM lesbezoek.share s)
         AND starter IN (SELECT lesbezoek.my_starters (ARRAY['assessor', 'coach', 'school-leader'])));
CREATE POLICY observation_register ON lesbezoek.observation FOR SELECT TO lb_board_admin
  USING ((SELECT lesbezoek.register_only ()));

-- Shares name the observation's observer themselves, so this policy needs
-- no look at observation (whose own policy looks at share).
CREATE POLICY share_read ON lesbezoek.share FOR SELECT
  USING (starter = (SELECT lesbezoek.me ()) OR observer = (SELECT lesbezoek.me ())
         OR starter IN (SELECT lesbezoek.my_starters (ARRAY['assessor', 'coach', 'school-leader'])));

CREATE POLICY change_feed_read ON lesbezoek.change_feed FOR SELECT
  USING (observation IN (SELECT o.uuid FROM lesbezoek.observation o));

CREATE POLICY person_read ON lesbezoek.person FOR SELECT
  USING (id = (SELECT lesbezoek.me ())
         OR id IN (SELECT a.starter FROM lesbezoek.assignment a
                    WHERE a.observer = (SELECT lesbezoek.me ()) AND a.revoked_at IS NULL)
         OR id IN (SELECT a.observer FROM lesbezoek.assignment a
                    WHERE a.starter = (SELECT lesbezoek.me ()) AND a.revoked_at IS NULL)
         OR id IN (SELECT o.observer FROM lesbezoek.observation o)
         OR id IN (SELECT o.starter FROM lesbezoek.observation o)
         OR (SELECT lesbezoek.holds ('board-admin')));

-- ---- writing ------------------------------------------------------------
-- As themselves, in a role they hold, for a starter they are assigned to
-- in that role (or, a starter, about their own lessons).
CREATE POLICY observation_insert ON lesbezoek.observation FOR INSERT
  WITH CHECK (observer = (SELECT lesbezoek.me ())
              AND CASE WHEN role = 'starter'
                       THEN starter = (SELECT lesbezoek.me ()) AND (SELECT lesbezoek.holds ('starter'))
                       ELSE starter IN (SELECT lesbezoek.my_starters (ARRAY[role])) END);
-- Only their own drafts, and they stay theirs under the same rules.
CREATE POLICY observation_update ON lesbezoek.observation FOR UPDATE
  USING (observer = (SELECT lesbezoek.me ()) AND status = 'draft')
  WITH CHECK (observer = (SELECT lesbezoek.me ())
              AND CASE WHEN role = 'starter'
                       THEN starter = (SELECT lesbezoek.me ()) AND (SELECT lesbezoek.holds ('starter'))
                       ELSE starter IN (SELECT lesbezoek.my_starters (ARRAY[role])) END);

-- A starter shares their own final formative observation or self-assessment.
-- The look at the observation is in a function: written out in the policy,
-- the rewriter would see share → observation → share and call it recursion,
-- although observation's policies only read share.
CREATE FUNCTION lesbezoek.shareable (observation uuid, starter uuid, observer uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT EXISTS (SELECT 1 FROM lesbezoek.observation o
                  WHERE o.uuid = $1 AND o.starter = $2 AND o.observer = $3
                    AND o.status = 'final' AND o.purpose IN ('formatief', 'zelfbeoordeling'))
$$;
CREATE POLICY share_insert ON lesbezoek.share FOR INSERT
  WITH CHECK (starter = (SELECT lesbezoek.me ()) AND (SELECT lesbezoek.holds ('starter'))
              AND shared_by = current_user
              AND lesbezoek.shareable (observation, starter, observer));

-- Feed rows are written by the triggers above, as the writer.
CREATE POLICY change_feed_insert ON lesbezoek.change_feed FOR INSERT
  WITH CHECK (changed_by = current_user
              AND EXISTS (SELECT 1 FROM lesbezoek.observation o
                           WHERE o.uuid = change_feed.observation AND o.starter = change_feed.starter
                             AND (o.observer = (SELECT lesbezoek.me ())
                                  OR o.starter = (SELECT lesbezoek.me ()))));

-- ---- the register: existence without content -----------------------------
CREATE VIEW lesbezoek.observation_register WITH (security_invoker = true, security_barrier = true) AS
  SELECT uuid, starter, observer, role, purpose, status, date, created_at, updated_at
    FROM lesbezoek.observation;

-- ---- grants ---------------------------------------------------------------
GRANT USAGE ON SCHEMA lesbezoek TO lb_assessor, lb_coach, lb_school_leader, lb_starter, lb_board_admin;
GRANT SELECT ON lesbezoek.schema_version, lesbezoek.person, lesbezoek.account, lesbezoek.assignment,
                lesbezoek.observation_register, lesbezoek.change_feed, lesbezoek.share
  TO lb_assessor, lb_coach, lb_school_leader, lb_starter, lb_board_admin;
GRANT SELECT, INSERT ON lesbezoek.observation, lesbezoek.share, lesbezoek.change_feed
  TO lb_assessor, lb_coach, lb_school_leader, lb_starter;
GRANT UPDATE (status, date, content_hash, body, base_version) ON lesbezoek.observation
  TO lb_assessor, lb_coach, lb_school_leader, lb_starter;
-- The board administrator's column-restricted grant: no body, no hash.
GRANT SELECT (uuid, starter, observer, role, purpose, status, date, created_at, updated_at)
  ON lesbezoek.observation TO lb_board_admin;

RESET ROLE;
INSERT INTO lesbezoek.schema_version (version) VALUES (2);
