/**
 * Task and workflow definitions in SQLite. Each definition is stored as the exact JSON the
 * API serves (defaults filled, server-managed fields set, NON_NULL), so list endpoints
 * concatenate rows without re-serializing. Every write method is one transaction.
 * Ordering follows sqlite-persistence's Sqlite*MetadataDAO: task defs in insertion order
 * (`SELECT json_data FROM meta_task_def` has no ORDER BY), workflow defs by name, version.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { JsonObject } from '../../core/model.js';
import type { MigrationSet } from './migration.js';

export const metadataMigrations: MigrationSet = {
  module: 'metadata',
  migrations: [
    {
      id: 'metadata-001-defs',
      up: `
        CREATE TABLE task_defs (
          name TEXT NOT NULL PRIMARY KEY,
          json TEXT NOT NULL
        );
        CREATE TABLE workflow_defs (
          name TEXT NOT NULL,
          version INTEGER NOT NULL,
          create_time INTEGER NOT NULL,
          update_time INTEGER NOT NULL,
          classifier TEXT NOT NULL,
          json TEXT NOT NULL,
          PRIMARY KEY (name, version)
        );
      `,
    },
  ],
};

/** A row of names-and-versions and {name}/versions (WorkflowDefSummary). */
export interface WorkflowDefSummaryRow {
  name: string;
  version: number;
  createTime: number;
  updateTime: number;
}

export interface DefinitionCounts {
  taskDefs: number;
  workflowDefs: number;
}

/** A workflow def ready to store: its serialized body and the key columns. */
export interface StoredWorkflowDef {
  name: string;
  version: number;
  createTime: number;
  updateTime: number;
  /** WorkflowClassifier.classifierOf(def) for `GET /metadata/workflow?classifier=`. */
  classifier: string;
  json: string;
}

/** A task def ready to store. */
export interface StoredTaskDef {
  name: string;
  json: string;
}

export class MetadataStore {
  private readonly stmts: Record<string, Statement>;
  // Built once, not per request: better-sqlite3's transaction() wraps the function anew each call.
  private readonly upsertTaskDefsTx: (defs: readonly StoredTaskDef[]) => void;
  private readonly putWorkflowDefsTx: (defs: readonly StoredWorkflowDef[]) => void;

  constructor(private readonly db: Database) {
    const prepare = (sql: string): Statement => db.prepare(sql);
    this.stmts = {
      taskGet: prepare('SELECT json FROM task_defs WHERE name = ?'),
      taskAll: prepare('SELECT json FROM task_defs ORDER BY rowid'),
      taskUpsert: prepare('INSERT INTO task_defs (name, json) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET json = excluded.json'),
      taskUpdate: prepare('UPDATE task_defs SET json = ? WHERE name = ?'),
      taskDelete: prepare('DELETE FROM task_defs WHERE name = ?'),
      taskCount: prepare('SELECT COUNT(*) FROM task_defs'),
      wfGet: prepare('SELECT json FROM workflow_defs WHERE name = ? AND version = ?'),
      wfLatest: prepare('SELECT json FROM workflow_defs WHERE name = ? ORDER BY version DESC LIMIT 1'),
      wfAll: prepare('SELECT json FROM workflow_defs ORDER BY name, version'),
      wfAllOfClass: prepare('SELECT json FROM workflow_defs WHERE lower(classifier) = lower(?) ORDER BY name, version'),
      wfLatestAll: prepare(
        'SELECT json FROM workflow_defs w WHERE version = (SELECT MAX(version) FROM workflow_defs w2 WHERE w2.name = w.name) ORDER BY name',
      ),
      wfExists: prepare('SELECT 1 FROM workflow_defs WHERE name = ? AND version = ?'),
      wfInsert: prepare('INSERT INTO workflow_defs (name, version, create_time, update_time, classifier, json) VALUES (?, ?, ?, ?, ?, ?)'),
      wfUpsert: prepare(
        `INSERT INTO workflow_defs (name, version, create_time, update_time, classifier, json) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(name, version) DO UPDATE SET create_time = excluded.create_time,
           update_time = excluded.update_time, classifier = excluded.classifier, json = excluded.json`,
      ),
      wfDelete: prepare('DELETE FROM workflow_defs WHERE name = ? AND version = ?'),
      wfSummaries: prepare('SELECT name, version, create_time AS createTime, update_time AS updateTime FROM workflow_defs ORDER BY name, version'),
      wfSummariesOf: prepare(
        'SELECT name, version, create_time AS createTime, update_time AS updateTime FROM workflow_defs WHERE name = ? ORDER BY version',
      ),
      wfNames: prepare('SELECT DISTINCT name FROM workflow_defs ORDER BY name'),
      wfCount: prepare('SELECT COUNT(*) FROM workflow_defs'),
    };
    const taskUpsert = this.stmts['taskUpsert']!;
    this.upsertTaskDefsTx = db.transaction((defs: readonly StoredTaskDef[]) => {
      for (const def of defs) taskUpsert.run(def.name, def.json);
    });
    const wfUpsert = this.stmts['wfUpsert']!;
    this.putWorkflowDefsTx = db.transaction((defs: readonly StoredWorkflowDef[]) => {
      for (const def of defs) wfUpsert.run(def.name, def.version, def.createTime, def.updateTime, def.classifier, def.json);
    });
  }

  getTaskDef(name: string): JsonObject | undefined {
    const json = this.getTaskDefJson(name);
    return json === undefined ? undefined : (JSON.parse(json) as JsonObject);
  }

  getTaskDefJson(name: string): string | undefined {
    return this.stmts['taskGet']!.pluck().get(name) as string | undefined;
  }

  /** All task defs as one JSON array text. */
  listTaskDefsJson(): string {
    return joinRows(this.stmts['taskAll']!.pluck().all());
  }

  /** Inserts or replaces each def, all in one transaction. */
  upsertTaskDefs(defs: readonly StoredTaskDef[]): void {
    this.upsertTaskDefsTx(defs);
  }

  /** Replaces an existing def; `build` gets the stored one. Returns false when it is absent. */
  updateTaskDef(name: string, build: (existing: JsonObject) => string): boolean {
    return this.db.transaction(() => {
      const existing = this.getTaskDef(name);
      if (!existing) return false;
      this.stmts['taskUpdate']!.run(build(existing), name);
      return true;
    })();
  }

  deleteTaskDef(name: string): boolean {
    return this.stmts['taskDelete']!.run(name).changes > 0;
  }

  /** The given version, or the highest version when `version` is undefined. */
  getWorkflowDef(name: string, version?: number): JsonObject | undefined {
    const json = this.getWorkflowDefJson(name, version);
    return json === undefined ? undefined : (JSON.parse(json) as JsonObject);
  }

  getWorkflowDefJson(name: string, version?: number): string | undefined {
    const row = version === undefined ? this.stmts['wfLatest']!.pluck().get(name) : this.stmts['wfGet']!.pluck().get(name, version);
    return row as string | undefined;
  }

  hasWorkflowDef(name: string, version: number): boolean {
    return this.stmts['wfExists']!.get(name, version) !== undefined;
  }

  /** Inserts unless name+version exists; returns false (and writes nothing) when it does. */
  createWorkflowDef(def: StoredWorkflowDef): boolean {
    return this.db.transaction(() => {
      if (this.hasWorkflowDef(def.name, def.version)) return false;
      this.stmts['wfInsert']!.run(def.name, def.version, def.createTime, def.updateTime, def.classifier, def.json);
      return true;
    })();
  }

  /** Creates or replaces each def, all in one transaction. */
  putWorkflowDefs(defs: readonly StoredWorkflowDef[]): void {
    this.putWorkflowDefsTx(defs);
  }

  /** All versions of all workflow defs, or only those whose classifier matches (case-insensitive). */
  listWorkflowDefsJson(classifier?: string): string {
    const rows = classifier === undefined ? this.stmts['wfAll']!.pluck().all() : this.stmts['wfAllOfClass']!.pluck().all(classifier);
    return joinRows(rows);
  }

  listLatestWorkflowDefsJson(): string {
    return joinRows(this.stmts['wfLatestAll']!.pluck().all());
  }

  listWorkflowSummaries(name?: string): WorkflowDefSummaryRow[] {
    const rows = name === undefined ? this.stmts['wfSummaries']!.all() : this.stmts['wfSummariesOf']!.all(name);
    return rows as WorkflowDefSummaryRow[];
  }

  listWorkflowNames(): string[] {
    return this.stmts['wfNames']!.pluck().all() as string[];
  }

  deleteWorkflowDef(name: string, version: number): boolean {
    return this.stmts['wfDelete']!.run(name, version).changes > 0;
  }

  countDefinitions(): DefinitionCounts {
    return {
      taskDefs: this.stmts['taskCount']!.pluck().get() as number,
      workflowDefs: this.stmts['wfCount']!.pluck().get() as number,
    };
  }
}

function joinRows(rows: unknown[]): string {
  return `[${rows.join(',')}]`;
}
