-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Lesbezoek shared dossier, schema step 4: the instruments observations
-- were made with, so that a tablet can read an observation made with an
-- instrument it does not have (a school's own, issue 9).
--
-- An observation's body names its instrument by the SHA-256 of the
-- instrument's file; this table keeps those exact bytes under that hash.
-- Instruments are no personal data: every Lesbezoek role reads them all.
-- Whoever writes observations may add one, as themselves. Rows never
-- change (append-only, the SHA-256 checked by a trigger), so a tablet that
-- fetched an instrument once has what every other tablet gets. Tablets
-- still load what they fetch with the same strict loader as a file: the
-- server is not trusted to hold only well-formed instruments.

SET LOCAL ROLE lb_owner;

CREATE TABLE lesbezoek.instrument (
  sha256    text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  xml       bytea NOT NULL CHECK (length (xml) BETWEEN 1 AND 16777216),
  id        text NOT NULL CHECK (length (id) BETWEEN 1 AND 200),
  version   text NOT NULL CHECK (length (version) BETWEEN 1 AND 200),
  title     text CHECK (length (title) <= 1000),
  pushed_by name NOT NULL DEFAULT current_user,
  pushed_at timestamptz NOT NULL DEFAULT now()
);

-- SQLSTATE LBH02: sha256 ≠ SHA-256 of xml.
CREATE FUNCTION lesbezoek.instrument_guard () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.sha256 IS DISTINCT FROM encode (sha256 (NEW.xml), 'hex') THEN
    RAISE EXCEPTION 'instrument %: the SHA-256 of its bytes is %', NEW.sha256, encode (sha256 (NEW.xml), 'hex')
      USING ERRCODE = 'LBH02';
  END IF;
  NEW.pushed_at := now();
  RETURN NEW;
END
$$;

CREATE TRIGGER instrument_guard BEFORE INSERT ON lesbezoek.instrument
  FOR EACH ROW EXECUTE FUNCTION lesbezoek.instrument_guard ();
CREATE TRIGGER instrument_append_only BEFORE UPDATE OR DELETE ON lesbezoek.instrument
  FOR EACH ROW EXECUTE FUNCTION lesbezoek.append_only ();
CREATE TRIGGER instrument_no_truncate BEFORE TRUNCATE ON lesbezoek.instrument
  FOR EACH STATEMENT EXECUTE FUNCTION lesbezoek.append_only ();

ALTER TABLE lesbezoek.instrument ENABLE ROW LEVEL SECURITY;
ALTER TABLE lesbezoek.instrument FORCE ROW LEVEL SECURITY;

CREATE POLICY instrument_read ON lesbezoek.instrument FOR SELECT USING (true);
-- Written by those who write observations, as themselves.
CREATE POLICY instrument_insert ON lesbezoek.instrument FOR INSERT
  WITH CHECK (pushed_by = current_user AND (SELECT lesbezoek.me ()) IS NOT NULL
              AND ((SELECT lesbezoek.holds ('assessor')) OR (SELECT lesbezoek.holds ('coach'))
                   OR (SELECT lesbezoek.holds ('school-leader')) OR (SELECT lesbezoek.holds ('starter'))));

GRANT SELECT ON lesbezoek.instrument
  TO lb_assessor, lb_coach, lb_school_leader, lb_starter, lb_board_admin;
GRANT INSERT (sha256, xml, id, version, title) ON lesbezoek.instrument
  TO lb_assessor, lb_coach, lb_school_leader, lb_starter;

RESET ROLE;
INSERT INTO lesbezoek.schema_version (version) VALUES (4);
