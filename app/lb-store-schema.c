/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The schema, as a list of forward steps. Never edit a step that has
 * shipped: add a new one, and a test that migrates a database made by the
 * previous version (tests/test-store-migrate.c). */

#include "lb-store-private.h"

/* Statements that refuse to change a final observation's content; only an
 * erasure (the person's right to be forgotten) may remove it. */
#define FINAL_GUARD(table, when, ref) \
  "CREATE TRIGGER " table "_final_" when " BEFORE " when " ON " table " " \
  "WHEN (SELECT status FROM observation WHERE id = " ref ".observation_id) = 'final' " \
  "AND (SELECT erasing FROM guard) = 0 " \
  "BEGIN SELECT RAISE(ABORT, 'final observation'); END;\n"

#define FINAL_GUARDS(table) \
  FINAL_GUARD (table, "INSERT", "NEW") \
  FINAL_GUARD (table, "UPDATE", "OLD") \
  FINAL_GUARD (table, "DELETE", "OLD")

static const char step1[] =
  "CREATE TABLE guard (erasing INTEGER NOT NULL DEFAULT 0);\n"
  "INSERT INTO guard VALUES (0);\n"
  "CREATE TABLE person (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),\n"
  "  is_starter INTEGER NOT NULL DEFAULT 0,\n"
  "  role TEXT NOT NULL DEFAULT 'assessor',\n"
  "  school TEXT, board TEXT, induction_start TEXT,\n"
  "  induction_year INTEGER CHECK (induction_year IS NULL OR induction_year BETWEEN 1 AND 3),\n"
  "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);\n"
  "CREATE TABLE instrument (\n"
  "  sha256 TEXT PRIMARY KEY, id TEXT NOT NULL, version TEXT NOT NULL, xml BLOB NOT NULL);\n"
  "CREATE TABLE observation (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  instrument_sha256 TEXT NOT NULL REFERENCES instrument (sha256),\n"
  "  instrument_id TEXT NOT NULL, instrument_version TEXT NOT NULL,\n"
  "  starter_id INTEGER NOT NULL REFERENCES person (id),\n"
  "  starter_name TEXT NOT NULL,\n"
  "  observer_id INTEGER NOT NULL REFERENCES person (id),\n"
  "  observer_name TEXT NOT NULL,\n"
  "  observer_role TEXT NOT NULL,\n"
  "  purpose TEXT NOT NULL CHECK (purpose IN ('formatief','summatief','klassenbezoek','zelfbeoordeling')),\n"
  "  date TEXT NOT NULL, start_time TEXT, end_time TEXT,\n"
  "  school TEXT, grp TEXT, pupils INTEGER, subject TEXT, lesson_goal TEXT, question TEXT,\n"
  "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','final')),\n"
  "  tops TEXT, tips TEXT, agreements TEXT,\n"
  "  signed_by TEXT, signed_at TEXT, acknowledged_at TEXT, reaction TEXT,\n"
  "  content_hash TEXT,\n"
  "  revision INTEGER NOT NULL DEFAULT 0,\n"
  "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);\n"
  "CREATE INDEX observation_starter ON observation (starter_id);\n"
  "CREATE TABLE focus_item (\n"
  "  observation_id INTEGER NOT NULL REFERENCES observation (id) ON DELETE CASCADE,\n"
  "  item_id TEXT NOT NULL, PRIMARY KEY (observation_id, item_id));\n"
  "CREATE TABLE score (\n"
  "  observation_id INTEGER NOT NULL REFERENCES observation (id) ON DELETE CASCADE,\n"
  "  session INTEGER NOT NULL DEFAULT 0, item_id TEXT NOT NULL,\n"
  "  level_id TEXT, not_observed INTEGER NOT NULL DEFAULT 0, reason TEXT,\n"
  "  updated_at TEXT NOT NULL,\n"
  "  CHECK ((level_id IS NULL) = (not_observed = 1)),\n"
  "  PRIMARY KEY (observation_id, session, item_id));\n"
  "CREATE TABLE mark (\n"
  "  observation_id INTEGER NOT NULL REFERENCES observation (id) ON DELETE CASCADE,\n"
  "  session INTEGER NOT NULL DEFAULT 0, indicator_id TEXT NOT NULL, code TEXT NOT NULL,\n"
  "  PRIMARY KEY (observation_id, session, indicator_id));\n"
  "CREATE TABLE note (\n"
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,\n"
  "  observation_id INTEGER NOT NULL REFERENCES observation (id) ON DELETE CASCADE,\n"
  "  session INTEGER NOT NULL DEFAULT 0, minute INTEGER NOT NULL DEFAULT 0,\n"
  "  created_at TEXT NOT NULL, text TEXT NOT NULL);\n"
  "CREATE INDEX note_observation ON note (observation_id);\n"
  "CREATE TABLE note_item (\n"
  "  note_id INTEGER NOT NULL REFERENCES note (id) ON DELETE CASCADE,\n"
  "  observation_id INTEGER NOT NULL REFERENCES observation (id) ON DELETE CASCADE,\n"
  "  item_id TEXT NOT NULL, PRIMARY KEY (note_id, item_id));\n"
  "CREATE TABLE snapshot_answer (\n"
  "  observation_id INTEGER NOT NULL REFERENCES observation (id) ON DELETE CASCADE,\n"
  "  session INTEGER NOT NULL DEFAULT 0, snapshot_id TEXT NOT NULL, code TEXT NOT NULL,\n"
  "  minute INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (observation_id, session, snapshot_id));\n"
  "CREATE TABLE judgement (\n"
  "  observation_id INTEGER NOT NULL REFERENCES observation (id) ON DELETE CASCADE,\n"
  "  domain_id TEXT NOT NULL, computed TEXT NOT NULL, confirmed INTEGER NOT NULL DEFAULT 0,\n"
  "  decided TEXT, motivation TEXT, PRIMARY KEY (observation_id, domain_id));\n"
  "CREATE TABLE addendum (\n"
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,\n"
  "  observation_id INTEGER NOT NULL REFERENCES observation (id) ON DELETE CASCADE,\n"
  "  author TEXT NOT NULL, created_at TEXT NOT NULL, text TEXT NOT NULL);\n"
  "CREATE TABLE audit (\n"
  "  id INTEGER PRIMARY KEY, at TEXT NOT NULL, observation_uuid TEXT,\n"
  "  action TEXT NOT NULL, detail TEXT);\n"
  "CREATE INDEX audit_observation ON audit (observation_uuid);\n"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
  "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit WHEN (SELECT erasing FROM guard) = 0\n"
  "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n"
  FINAL_GUARDS ("focus_item")
  FINAL_GUARDS ("score")
  FINAL_GUARDS ("mark")
  FINAL_GUARDS ("note")
  FINAL_GUARDS ("note_item")
  FINAL_GUARDS ("snapshot_answer")
  FINAL_GUARDS ("judgement")
  /* Once final, only the starter's acknowledgement may still be added. */
  "CREATE TRIGGER observation_final_update BEFORE UPDATE ON observation\n"
  "  WHEN OLD.status = 'final' AND (SELECT erasing FROM guard) = 0 AND (\n"
  "    NEW.status IS NOT OLD.status OR NEW.uuid IS NOT OLD.uuid OR\n"
  "    NEW.instrument_sha256 IS NOT OLD.instrument_sha256 OR NEW.starter_id IS NOT OLD.starter_id OR\n"
  "    NEW.starter_name IS NOT OLD.starter_name OR NEW.observer_id IS NOT OLD.observer_id OR\n"
  "    NEW.observer_name IS NOT OLD.observer_name OR NEW.observer_role IS NOT OLD.observer_role OR\n"
  "    NEW.purpose IS NOT OLD.purpose OR NEW.date IS NOT OLD.date OR\n"
  "    NEW.start_time IS NOT OLD.start_time OR NEW.end_time IS NOT OLD.end_time OR\n"
  "    NEW.school IS NOT OLD.school OR NEW.grp IS NOT OLD.grp OR NEW.pupils IS NOT OLD.pupils OR\n"
  "    NEW.subject IS NOT OLD.subject OR NEW.lesson_goal IS NOT OLD.lesson_goal OR\n"
  "    NEW.question IS NOT OLD.question OR NEW.tops IS NOT OLD.tops OR NEW.tips IS NOT OLD.tips OR\n"
  "    NEW.agreements IS NOT OLD.agreements OR NEW.signed_by IS NOT OLD.signed_by OR\n"
  "    NEW.signed_at IS NOT OLD.signed_at OR NEW.content_hash IS NOT OLD.content_hash OR\n"
  "    (OLD.acknowledged_at IS NOT NULL AND NEW.acknowledged_at IS NOT OLD.acknowledged_at))\n"
  "  BEGIN SELECT RAISE(ABORT, 'final observation'); END;\n"
  "CREATE TRIGGER observation_final_delete BEFORE DELETE ON observation\n"
  "  WHEN OLD.status = 'final' AND (SELECT erasing FROM guard) = 0\n"
  "  BEGIN SELECT RAISE(ABORT, 'final observation'); END;\n";

/* Version 2: drafts are deleted softly, so a toast can offer undo; and an
 * index that keeps the overview fast with tens of thousands of rows. */
static const char step2[] =
  "ALTER TABLE observation ADD COLUMN deleted_at TEXT;\n"
  "CREATE INDEX observation_listing ON observation (deleted_at, date DESC, start_time DESC);\n";

/* Version 3: the final lock missed what version 2 added (deleted_at, so a
 * final observation could be hidden), the instrument reference and the
 * starter's reaction once given, and addenda could be rewritten or
 * removed; found by tests/store/test-store-final.c.
 * The trigger is replaced whole; addenda are append-only once final. */
static const char step3[] =
  "DROP TRIGGER observation_final_update;\n"
  "CREATE TRIGGER observation_final_update BEFORE UPDATE ON observation\n"
  "  WHEN OLD.status = 'final' AND (SELECT erasing FROM guard) = 0 AND (\n"
  "    NEW.status IS NOT OLD.status OR NEW.uuid IS NOT OLD.uuid OR\n"
  "    NEW.instrument_sha256 IS NOT OLD.instrument_sha256 OR NEW.instrument_id IS NOT OLD.instrument_id OR\n"
  "    NEW.instrument_version IS NOT OLD.instrument_version OR NEW.starter_id IS NOT OLD.starter_id OR\n"
  "    NEW.starter_name IS NOT OLD.starter_name OR NEW.observer_id IS NOT OLD.observer_id OR\n"
  "    NEW.observer_name IS NOT OLD.observer_name OR NEW.observer_role IS NOT OLD.observer_role OR\n"
  "    NEW.purpose IS NOT OLD.purpose OR NEW.date IS NOT OLD.date OR\n"
  "    NEW.start_time IS NOT OLD.start_time OR NEW.end_time IS NOT OLD.end_time OR\n"
  "    NEW.school IS NOT OLD.school OR NEW.grp IS NOT OLD.grp OR NEW.pupils IS NOT OLD.pupils OR\n"
  "    NEW.subject IS NOT OLD.subject OR NEW.lesson_goal IS NOT OLD.lesson_goal OR\n"
  "    NEW.question IS NOT OLD.question OR NEW.tops IS NOT OLD.tops OR NEW.tips IS NOT OLD.tips OR\n"
  "    NEW.agreements IS NOT OLD.agreements OR NEW.signed_by IS NOT OLD.signed_by OR\n"
  "    NEW.signed_at IS NOT OLD.signed_at OR NEW.content_hash IS NOT OLD.content_hash OR\n"
  "    NEW.deleted_at IS NOT OLD.deleted_at OR\n"
  "    (OLD.acknowledged_at IS NOT NULL AND (NEW.acknowledged_at IS NOT OLD.acknowledged_at OR\n"
  "                                          NEW.reaction IS NOT OLD.reaction)))\n"
  "  BEGIN SELECT RAISE(ABORT, 'final observation'); END;\n"
  FINAL_GUARD ("addendum", "UPDATE", "OLD")
  FINAL_GUARD ("addendum", "DELETE", "OLD");

/* Version 4: the overview counts scored items per observation; with tens
 * of thousands of observations that count needs its own index, and the
 * listing order (newest first) one that includes created_at. */
static const char step4[] =
  "CREATE INDEX score_scored ON score (observation_id, not_observed);\n"
  "DROP INDEX observation_listing;\n"
  "CREATE INDEX observation_listing ON observation (deleted_at, date DESC, start_time DESC, created_at DESC);\n";

/* Version 5: the starter's development plan (POP). Goals change over time
 * (their status above all), so no final lock; they are personal data of
 * the starter, removed with them (lb_store_erase_person). The source
 * observation is a plain uuid, not a reference: it may live on another
 * tablet, or be erased with its observer while the goal stays. */
static const char step5[] =
  "CREATE TABLE goal (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uuid TEXT NOT NULL UNIQUE,\n"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,\n"
  "  text TEXT NOT NULL CHECK (length(trim(text)) > 0),\n"
  "  target_date TEXT,\n"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','working','reached')),\n"
  "  source_observation_uuid TEXT,\n"
  "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);\n"
  "CREATE INDEX goal_person ON goal (person_id, status);\n"
  "CREATE TABLE goal_item (\n"
  "  goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,\n"
  "  item_id TEXT NOT NULL, PRIMARY KEY (goal_id, item_id));\n";

/* Version 6: syncing with a school board's shared dossier (lb-sync.c).
 * What a sync knows of each observation lives beside it, never in it, so
 * the final lock above stays as it is and flagging a final observation
 * cannot touch its content. No foreign key: an erased or removed
 * observation's row is removed with it by the code that removes it.
 *  - sync_observation: the server version and the content (hash, local
 *    revision) both sides last agreed on; where it came from; a flag and
 *    its reason when a person must look at it.
 *  - sync_account: per server and login, the change-feed cursor, who the
 *    login is, and when the last sync succeeded.
 *  - sync_setting: how to reach the server; never a password. */
static const char step6[] =
  "CREATE TABLE sync_observation (\n"
  "  uuid TEXT PRIMARY KEY,\n"
  "  origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local','pulled')),\n"
  "  server_version INTEGER NOT NULL DEFAULT 0,\n"
  "  synced_hash TEXT, synced_revision INTEGER,\n"
  "  flag TEXT CHECK (flag IN ('refused','conflict','revoked','unknown')),\n"
  "  reason TEXT, flagged_at TEXT,\n"
  "  updated_at TEXT NOT NULL);\n"
  "CREATE INDEX sync_observation_flag ON sync_observation (flag) WHERE flag IS NOT NULL;\n"
  "CREATE TABLE sync_account (\n"
  "  server TEXT NOT NULL, login TEXT NOT NULL,\n"
  "  person_uuid TEXT, feed_seq INTEGER NOT NULL DEFAULT 0, last_sync TEXT,\n"
  "  PRIMARY KEY (server, login));\n"
  "CREATE TABLE sync_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n";

const char * const lb_store_migrations[] = { step1, step2, step3, step4, step5, step6, NULL };
