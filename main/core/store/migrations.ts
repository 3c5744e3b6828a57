// The database schema as numbered migrations. Append only: never edit a migration that has shipped.
// `PRAGMA user_version` records how many have been applied.
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const ISO_UTC = `'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'`;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'people and appointments',
    sql: `
      CREATE TABLE doctors (
        id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        email TEXT NOT NULL,
        zoom_user_id TEXT,
        source TEXT NOT NULL CHECK (source IN ('local', 'kivicare', 'import')),
        source_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX doctors_source ON doctors (source, source_id) WHERE source_id IS NOT NULL;
      CREATE INDEX doctors_email ON doctors (email COLLATE NOCASE);

      CREATE TABLE patients (
        id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        email TEXT,
        phone TEXT,
        source TEXT NOT NULL CHECK (source IN ('local', 'kivicare', 'import')),
        source_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX patients_source ON patients (source, source_id) WHERE source_id IS NOT NULL;
      CREATE INDEX patients_email ON patients (email COLLATE NOCASE) WHERE email IS NOT NULL;

      CREATE TABLE appointments (
        id TEXT PRIMARY KEY,
        doctor_id TEXT NOT NULL REFERENCES doctors (id),
        patient_id TEXT NOT NULL REFERENCES patients (id),
        start_utc TEXT NOT NULL CHECK (start_utc GLOB ${ISO_UTC}),
        time_zone TEXT NOT NULL,
        duration_min INTEGER NOT NULL CHECK (duration_min BETWEEN 5 AND 480),
        visit_type TEXT NOT NULL CHECK (visit_type IN ('telemed', 'in_person')),
        status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 4),
        reason TEXT,
        notes TEXT,
        reference TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL CHECK (source IN ('local', 'kivicare', 'import')),
        source_id TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      );
      -- One doctor's day, and the overlap / duplicate checks.
      CREATE INDEX appointments_doctor_start ON appointments (doctor_id, start_utc);
      -- One day for all doctors.
      CREATE INDEX appointments_start ON appointments (start_utc);
      CREATE INDEX appointments_patient ON appointments (patient_id);
      CREATE UNIQUE INDEX appointments_source ON appointments (source, source_id) WHERE source_id IS NOT NULL;
    `,
  },
  {
    version: 2,
    name: 'meeting mappings and provisioning outbox',
    // No start_url column, ever: start URLs carry host rights and must never land on disk.
    sql: `
      CREATE TABLE meeting_mappings (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        appointment_id TEXT NOT NULL UNIQUE REFERENCES appointments (id),
        doctor_id TEXT NOT NULL REFERENCES doctors (id),
        zoom_meeting_id TEXT,
        zoom_uuid TEXT,
        join_url TEXT,
        passcode TEXT,
        host_email TEXT,
        host_id TEXT,
        reference TEXT NOT NULL UNIQUE,
        provisioned_by TEXT NOT NULL CHECK (provisioned_by IN ('companion', 'kivicare')),
        state TEXT NOT NULL CHECK (state IN
          ('ready', 'creating', 'updating', 'deleting', 'deleted', 'needs-reconnect', 'failed')),
        last_error_kind TEXT,
        last_error_message TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX meeting_mappings_passcode ON meeting_mappings (passcode) WHERE passcode IS NOT NULL;
      CREATE INDEX meeting_mappings_zoom_id ON meeting_mappings (zoom_meeting_id);
      CREATE INDEX meeting_mappings_state ON meeting_mappings (state);

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        appointment_id TEXT NOT NULL REFERENCES appointments (id),
        op TEXT NOT NULL CHECK (op IN ('ensure', 'delete')),
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        reference TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'in-flight', 'done', 'parked', 'superseded')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- The engine's scan: due pending work in order.
      CREATE INDEX outbox_scan ON outbox (state, next_attempt_at);
      CREATE INDEX outbox_appointment ON outbox (appointment_id, state);
    `,
  },
  {
    version: 3,
    name: 'audit log, settings and sync state',
    sql: `
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
      );
      CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      );

      CREATE TABLE sync_state (
        source TEXT NOT NULL,
        scope TEXT NOT NULL,
        cursor TEXT,
        last_success_at TEXT,
        last_error TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (source, scope)
      );
    `,
  },
  {
    version: 4,
    name: 'zoom clean-up queue',
    // Meetings the companion must still delete on Zoom after they stopped belonging to an
    // appointment (a change of doctor whose old host could not be reached at that moment).
    sql: `
      CREATE TABLE zoom_cleanup (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        zoom_meeting_id TEXT NOT NULL,
        doctor_id TEXT NOT NULL REFERENCES doctors (id),
        appointment_id TEXT REFERENCES appointments (id),
        reason TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'parked')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX zoom_cleanup_meeting ON zoom_cleanup (zoom_meeting_id) WHERE state != 'done';
      CREATE INDEX zoom_cleanup_scan ON zoom_cleanup (state, next_attempt_at);
    `,
  },
  {
    version: 5,
    name: 'doctors removed by the admin; clean-up on a previous Zoom account',
    // A removed doctor keeps their row (past visits still name them) but leaves every list.
    sql: `
      ALTER TABLE doctors ADD COLUMN removed_at TEXT;
      -- A meeting left on a doctor's previous Zoom account (their account changed): deleted there
      -- with the retired connection of that Zoom user.
      ALTER TABLE zoom_cleanup ADD COLUMN host_user_id TEXT;
    `,
  },
  {
    version: 6,
    name: 'a clinic of desktops: leased outbox claims, desktops and the Zoom sign-ins each holds',
    // A claim is a lease: its desktop, when it lapses (the database's clock), and a fencing number
    // raised by every claim so that a desktop waking up late cannot write over a newer result.
    sql: `
      ALTER TABLE outbox ADD COLUMN lease_owner TEXT;
      ALTER TABLE outbox ADD COLUMN lease_until TEXT;
      ALTER TABLE outbox ADD COLUMN fence INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX outbox_lease ON outbox (state, lease_until);

      CREATE TABLE desktops (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        app_version TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
      );
      -- Which desktop can make meetings for which doctor: a doctor's own sign-in there, or '*' for
      -- the clinic-wide credentials. Never the tokens themselves: those stay on their desktop.
      CREATE TABLE desktop_credentials (
        desktop_id TEXT NOT NULL REFERENCES desktops (id),
        doctor_id TEXT NOT NULL,
        since TEXT NOT NULL,
        PRIMARY KEY (desktop_id, doctor_id)
      );
    `,
  },
];

export const SCHEMA_VERSION = migrations.length;
