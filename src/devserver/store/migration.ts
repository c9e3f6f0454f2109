/**
 * The migration mechanism. Each store module exports a `MigrationSet` (its module name and
 * an ordered list of migrations with ids unique across the whole server); the ONE list of
 * sets is store/migrations.ts. `runMigrations` applies, in list order, every migration whose
 * id is not yet recorded in `schema_migrations`, each in its own transaction together with
 * its record, so a crash leaves either the whole migration or none of it.
 *
 * STABLE API: to add tables, append `{ id: '<module>-NNN-<what>', up: 'CREATE TABLE …' }`
 * (SQL text, several statements allowed) or `up: (db) => { … }` to your module's set. Never
 * edit or reorder an applied migration; add a new one.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Unique across all modules, e.g. `metadata-001-defs`. */
  id: string;
  up: string | ((db: Database) => void);
}

export interface MigrationSet {
  module: string;
  migrations: Migration[];
}

export interface MigrationReport {
  applied: string[];
}

export function runMigrations(db: Database, sets: readonly MigrationSet[], now: () => number): MigrationReport {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id TEXT PRIMARY KEY,
    module TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const known = new Set<string>();
  for (const set of sets) {
    for (const migration of set.migrations) {
      if (known.has(migration.id)) throw new Error(`duplicate migration id ${migration.id}`);
      known.add(migration.id);
    }
  }
  const done = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as string[]);
  const unknown = [...done].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(`the database has migrations this version does not know (${unknown.join(', ')}): it was written by a newer conductor`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (id, module, applied_at) VALUES (?, ?, ?)');
  const applied: string[] = [];
  for (const set of sets) {
    for (const migration of set.migrations) {
      if (done.has(migration.id)) continue;
      db.transaction(() => {
        if (typeof migration.up === 'string') db.exec(migration.up);
        else migration.up(db);
        record.run(migration.id, set.module, now());
      })();
      applied.push(migration.id);
    }
  }
  db.pragma(`user_version = ${done.size + applied.length}`);
  return { applied };
}
