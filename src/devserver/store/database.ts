/**
 * Opens the dev server's SQLite database in the data directory. Durability settings:
 * WAL journal with synchronous=FULL, so a commit is on disk before the API acknowledges
 * it and survives kill -9 or power loss; an unacknowledged transaction is rolled back on
 * the next open. locking_mode=EXCLUSIVE makes the open server the only user of the file:
 * a second server on the same data directory fails fast with DataDirInUseError.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations, type MigrationSet } from './migration.js';

export const DATABASE_FILE = 'conductor.db';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, message = `the data directory ${dataDir} is in use by another dev server`) {
    super(message);
    this.name = 'DataDirInUseError';
  }
}

export function openDatabase(dataDir: string, sets: readonly MigrationSet[], now: () => number): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Take the exclusive lock now, not at the first API write.
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
    runMigrations(db, sets, now);
    return db;
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new DataDirInUseError(dataDir);
    throw error;
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
