/**
 * Reads over many executions and task records: workflow search, task search, correlation
 * lookups, running ids, task logs and queue statistics. Queries are built by
 * engine/search-query.ts and run on indexed columns (see executions.ts), so a search by
 * status and type over 100k executions reads an index range, not the table. freeText is a
 * substring match over the stored JSON, which does scan (as the real SQLite index does).
 */
import type { Database } from 'better-sqlite3';
import { buildSearchSql, type SearchTable } from '../engine/search-query.js';

const WORKFLOW_TABLE: SearchTable = {
  columns: new Set(['workflow_id', 'correlation_id', 'workflow_type', 'start_time', 'end_time', 'status', 'update_time', 'parent_workflow_id', 'classifier']),
  textColumn: 'json',
};

const TASK_TABLE: SearchTable = {
  columns: new Set(['task_id', 'task_type', 'task_def_name', 'status', 'workflow_type', 'correlation_id', 'start_time', 'end_time', 'update_time', 'workflow_id']),
  textColumn: 'json',
};

export interface SearchParams {
  query?: string | null;
  freeText?: string | null;
  sort: readonly string[];
  start: number;
  size: number;
}

export interface SearchPage {
  totalHits: number;
  /** Execution or task JSON rows (as stored). */
  rows: string[];
}

export interface TaskLogRow {
  log: string;
  taskId: string;
  createdTime: number;
}

export class SearchStore {
  constructor(private readonly db: Database) {}

  searchWorkflows(params: SearchParams): SearchPage {
    return this.search('executions', 'json', WORKFLOW_TABLE, params);
  }

  /** Task rows joined with nothing: the task JSON is enough for TaskSummary and Task. */
  searchTasks(params: SearchParams): SearchPage {
    return this.search('execution_tasks', 'json', TASK_TABLE, params);
  }

  /** Workflow ids having tasks that match (search-by-tasks), distinct, paged. */
  searchWorkflowIdsByTasks(params: SearchParams): { totalHits: number; ids: string[] } {
    const sql = buildSearchSql(params.query, params.freeText, params.sort, TASK_TABLE);
    const totalHits = this.db.prepare(`SELECT COUNT(DISTINCT workflow_id) FROM execution_tasks${sql.where}`).pluck().get(...sql.params) as number;
    const order = sql.orderBy || ' ORDER BY MAX(update_time) DESC';
    const ids = this.db
      .prepare(`SELECT workflow_id FROM execution_tasks${sql.where} GROUP BY workflow_id${order.replace(/(\w+) (ASC|DESC)/g, 'MAX($1) $2')} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...sql.params, params.size, params.start) as string[];
    return { totalHits, ids };
  }

  private search(table: string, column: string, spec: SearchTable, params: SearchParams): SearchPage {
    const sql = buildSearchSql(params.query, params.freeText, params.sort, spec);
    const totalHits = this.db.prepare(`SELECT COUNT(*) FROM ${table}${sql.where}`).pluck().get(...sql.params) as number;
    // Page over rowids first (answered from an index, without reading the JSON of every
    // match into the sorter), then read the JSON of the page's rows only.
    const rowids = this.db
      .prepare(`SELECT rowid FROM ${table}${sql.where}${sql.orderBy} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...sql.params, params.size, params.start) as number[];
    const byRowid = this.db.prepare(`SELECT ${column} FROM ${table} WHERE rowid = ?`).pluck();
    const rows = rowids.map((rowid) => byRowid.get(rowid) as string);
    return { totalHits, rows };
  }

  /** Ids by correlation id and type; RUNNING only unless `includeClosed` (at most 1000). */
  workflowIdsByCorrelation(workflowType: string, correlationId: string, includeClosed: boolean): string[] {
    const status = includeClosed ? '' : " AND status = 'RUNNING'";
    return this.db
      .prepare(`SELECT workflow_id FROM executions WHERE correlation_id = ? AND workflow_type = ?${status} ORDER BY start_time LIMIT 1000`)
      .pluck()
      .all(correlationId, workflowType) as string[];
  }

  runningWorkflowIds(workflowType: string, version: number, startTime?: number, endTime?: number): string[] {
    const range = startTime && endTime ? ' AND start_time >= ? AND start_time <= ?' : '';
    const args: unknown[] = [workflowType, version];
    if (range) args.push(startTime, endTime);
    return this.db
      .prepare(`SELECT workflow_id FROM executions WHERE workflow_type = ? AND version = ? AND status = 'RUNNING'${range} ORDER BY start_time`)
      .pluck()
      .all(...args) as string[];
  }

  /** Executions whose timeouts are due (the sweeper's work list). */
  dueWorkflowIds(now: number, limit: number): string[] {
    return this.db.prepare('SELECT workflow_id FROM executions WHERE next_check_at <= ? ORDER BY next_check_at LIMIT ?').pluck().all(now, limit) as string[];
  }

  /** Whether `queue` holds a task visible at `now` (the sweeper wakes waiting pollers). */
  hasVisible(queue: string, now: number): boolean {
    return this.db.prepare('SELECT 1 FROM execution_tasks WHERE queue_name = ? AND visible_at <= ? LIMIT 1').pluck().get(queue, now) !== undefined;
  }

  queueSizes(): Record<string, number> {
    const rows = this.db.prepare('SELECT queue_name AS q, COUNT(*) AS n FROM execution_tasks WHERE queue_name IS NOT NULL GROUP BY queue_name').all() as Array<{ q: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.q, r.n]));
  }

  /** IN_PROGRESS tasks of a type (concurrentExecLimit; a worker task's type is its def name). */
  countInProgress(taskType: string): number {
    return this.db.prepare("SELECT COUNT(*) FROM execution_tasks WHERE task_type = ? AND status = 'IN_PROGRESS'").pluck().get(taskType) as number;
  }

  /** Tasks of a type started since `since` (rate limit). */
  countStartedSince(taskType: string, since: number): number {
    return this.db.prepare('SELECT COUNT(*) FROM execution_tasks WHERE task_type = ? AND start_time >= ?').pluck().get(taskType, since) as number;
  }

  addTaskLogs(logs: TaskLogRow[]): void {
    const insert = this.db.prepare('INSERT INTO task_logs (task_id, log, created_time) VALUES (?, ?, ?)');
    for (const l of logs) insert.run(l.taskId, l.log, l.createdTime);
  }

  taskLogs(taskId: string): TaskLogRow[] {
    return this.db.prepare('SELECT log, task_id AS taskId, created_time AS createdTime FROM task_logs WHERE task_id = ? ORDER BY id').all(taskId) as TaskLogRow[];
  }

  taskJson(taskId: string): string | undefined {
    return this.db.prepare('SELECT json FROM execution_tasks WHERE task_id = ?').pluck().get(taskId) as string | undefined;
  }
}
