import type pg from 'pg';

/** Statements that take a component's schema from version `index` to `index + 1`. */
export type Migration = readonly string[];

/** One lock for every logwarden migration, so nodes starting together take turns. */
const MIGRATION_LOCK = 0x6c77_0001;

/**
 * Brings `component`'s tables to the newest version, in one transaction: either
 * every missing step is applied and the version recorded, or nothing is. The
 * version lives in `logwarden_schema`; a database already at a newer version
 * than this code knows is refused rather than used.
 */
export async function migrateSchema(pool: pg.Pool, component: string, migrations: readonly Migration[]): Promise<number> {
  const client = await pool.connect();
  // A checked-out client reports a dying connection as an event too; the failed query already says it.
  const ignore = (): void => undefined;
  client.on('error', ignore);
  let broken = false;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS logwarden_schema (
      component text PRIMARY KEY,
      version integer NOT NULL,
      migrated_at timestamptz NOT NULL DEFAULT now()
    )`);
    const found = await client.query<{ version: number }>('SELECT version FROM logwarden_schema WHERE component = $1', [component]);
    const current = found.rows[0]?.version ?? 0;
    if (current > migrations.length) {
      throw new Error(`the ${component} schema is at version ${current}, newer than the ${migrations.length} this logwarden knows; upgrade logwarden`);
    }
    for (let version = current; version < migrations.length; version++) {
      for (const statement of migrations[version]!) await client.query(statement);
    }
    if (current < migrations.length) {
      await client.query(`INSERT INTO logwarden_schema (component, version) VALUES ($1, $2)
        ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, migrated_at = now()`, [component, migrations.length]);
    }
    await client.query('COMMIT');
    return migrations.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => { broken = true; });
    throw error;
  } finally {
    client.off('error', ignore);
    client.release(broken);
  }
}
