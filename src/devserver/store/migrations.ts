/**
 * THE list of migration sets, applied in this order at every start (see migration.ts).
 * A store module that needs tables exports a `MigrationSet` and appends it here, e.g.
 * part 2's `executionMigrations` from store/executions.ts. Keep `metadata` first: later
 * modules may reference its tables.
 */
import type { MigrationSet } from './migration.js';
import { metadataMigrations } from './metadata-store.js';
// Part 2 (issue 5): executions, task records with their queue columns, task logs.
import { executionMigrations } from './executions.js';

export const migrationSets: MigrationSet[] = [metadataMigrations, executionMigrations];
