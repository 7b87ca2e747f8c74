import type { Migration } from './schema-migrations.js';

/** The channel every node listens on; the payload is `<op>:<token id>`, or `*` for all. */
export const TOKEN_CHANNEL = 'logwarden_tokens';

/**
 * The token table's versions. A trigger announces every committed change, whoever
 * made it (a node, or an administrator with psql), so no node can forget to.
 */
export const TOKEN_MIGRATIONS: readonly Migration[] = [
  [
    `CREATE TABLE logwarden_tokens (
      id text PRIMARY KEY,
      family text NOT NULL CHECK (family IN ('api', 'pat')),
      owner text NOT NULL,
      description text NOT NULL,
      scope text NOT NULL CHECK (scope IN ('READ_ONLY', 'READ_WRITE')),
      hash text NOT NULL,
      created_at bigint NOT NULL,
      expires_at bigint,
      last_accessed_at bigint
    )`,
    'CREATE INDEX logwarden_tokens_owner ON logwarden_tokens (owner, created_at)',
    `CREATE FUNCTION logwarden_tokens_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('${TOKEN_CHANNEL}', '*');
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('${TOKEN_CHANNEL}', 'D:' || OLD.id);
      ELSIF TG_OP = 'UPDATE' THEN
        IF OLD.id <> NEW.id THEN PERFORM pg_notify('${TOKEN_CHANNEL}', 'D:' || OLD.id); END IF;
        PERFORM pg_notify('${TOKEN_CHANNEL}', 'U:' || NEW.id);
      ELSE
        PERFORM pg_notify('${TOKEN_CHANNEL}', 'I:' || NEW.id);
      END IF;
      RETURN NULL;
    END $$`,
    `CREATE TRIGGER logwarden_tokens_changed AFTER INSERT OR UPDATE OR DELETE ON logwarden_tokens
      FOR EACH ROW EXECUTE FUNCTION logwarden_tokens_changed()`,
    `CREATE TRIGGER logwarden_tokens_truncated AFTER TRUNCATE ON logwarden_tokens
      FOR EACH STATEMENT EXECUTE FUNCTION logwarden_tokens_changed()`,
  ],
  [
    // A marker per change, to learn after a lost connection whether its COMMIT landed (commit-outcome.ts); kept an hour.
    `CREATE TABLE logwarden_token_changes (
      change text PRIMARY KEY,
      made_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX logwarden_token_changes_made_at ON logwarden_token_changes (made_at)',
  ],
];
