-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Lesbezoek shared dossier, schema step 3: the same read policies on
-- observation as step 2, written so that PostgreSQL can answer them from
-- the indexes on starter and observer.
--
-- Found by bench/bench-sync.c: with `starter IN (SELECT my_starters (…))`
-- a policy is a hashed sub-plan, which no index can serve; OR-ed with the
-- other policies it made every read of observation (a pull, the feed's own
-- policy, person_read) a sequential scan of the whole table, so a sync
-- grew with the rows the user cannot see. `starter = ANY (ARRAY (SELECT
-- …))` is the same set, computed once per query, and each policy becomes
-- one arm of a BitmapOr over observation_starter and observation_observer.
-- Who may see what does not change: tests/server prove the same matrix.

SET LOCAL ROLE lb_owner;

DROP POLICY observation_assigned ON lesbezoek.observation;
CREATE POLICY observation_assigned ON lesbezoek.observation FOR SELECT
  USING (status = 'final' AND purpose IN ('summatief', 'klassenbezoek')
         AND starter = ANY (ARRAY (SELECT lesbezoek.my_starters (ARRAY['assessor', 'school-leader']))));

DROP POLICY observation_shared ON lesbezoek.observation;
CREATE POLICY observation_shared ON lesbezoek.observation FOR SELECT
  USING (status = 'final'
         AND starter = ANY (ARRAY (SELECT lesbezoek.my_starters (ARRAY['assessor', 'coach', 'school-leader'])))
         AND uuid IN (SELECT s.observation FROM lesbezoek.share s));

RESET ROLE;
INSERT INTO lesbezoek.schema_version (version) VALUES (3);
