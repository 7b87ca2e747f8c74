import type { Migration } from '../../store/postgres/schema-migrations.js';

/** The channel a change of the audit switches is announced on; the payload names the row. */
export const AUDIT_SETTINGS_CHANNEL = 'logwarden_audit_settings';

/**
 * The audit table's versions: one table for every node, each row naming its node.
 * `at` is the record's own time (read from its JSON by a trigger, the insert time
 * for a line that has none), which retention and time queries go by.
 */
export const AUDIT_MIGRATIONS: readonly Migration[] = [
  [
    `CREATE TABLE logwarden_audit (
      id bigserial PRIMARY KEY,
      node text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      record text NOT NULL
    )`,
    'CREATE INDEX logwarden_audit_at ON logwarden_audit (at)',
    `CREATE FUNCTION logwarden_audit_time() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      BEGIN
        NEW.at := COALESCE((NEW.record::jsonb ->> 'timestamp')::timestamptz, now());
      EXCEPTION WHEN others THEN
        NEW.at := now();
      END;
      RETURN NEW;
    END $$`,
    `CREATE TRIGGER logwarden_audit_time BEFORE INSERT ON logwarden_audit
      FOR EACH ROW EXECUTE FUNCTION logwarden_audit_time()`,
  ],
  // A node's chain is read by node in write order: its head at start, all of it to verify.
  ['CREATE INDEX logwarden_audit_node ON logwarden_audit (node, id)'],
  // The audit switches an administrator chose, shared by every node (postgres-audit-switches.ts).
  [`CREATE TABLE logwarden_audit_settings (
    name text PRIMARY KEY,
    value text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
  )`],
  // Every node hears a change of the switches, whoever made it (postgres-audit-switches.ts).
  [
    `CREATE FUNCTION logwarden_audit_settings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${AUDIT_SETTINGS_CHANNEL}', NEW.name);
      RETURN NULL;
    END $$`,
    `CREATE TRIGGER logwarden_audit_settings_changed AFTER INSERT OR UPDATE ON logwarden_audit_settings
      FOR EACH ROW EXECUTE FUNCTION logwarden_audit_settings_changed()`,
  ],
];
