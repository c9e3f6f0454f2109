/**
 * Executions and their task records in SQLite. One row per execution (indexed columns for
 * search, correlation lookups and the sweeper's `next_check_at`, plus the JSON body without
 * tasks) and one row per task record (indexed columns for task search, the queue columns
 * `queue_name`/`priority`/`visible_at` while a worker task waits to be polled, and the JSON
 * body). The queue is therefore part of the task row: a task is queued exactly when its row
 * says so, in the same transaction as its state, so a crash can never lose or duplicate a
 * queued task. Callers wrap each API write in one transaction (store methods do not commit).
 * Must not know about HTTP; knows the engine model only.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Changes } from '../engine/context.js';
import { findWorkflowTask } from '../engine/definitions.js';
import type { Execution, TaskModel } from '../engine/model.js';
import { isQueuedTask } from '../engine/task-types.js';
import type { MigrationSet } from './migration.js';

export const executionMigrations: MigrationSet = {
  module: 'executions',
  migrations: [
    {
      id: 'executions-001-tables',
      up: `
        CREATE TABLE executions (
          workflow_id TEXT PRIMARY KEY,
          workflow_type TEXT NOT NULL,
          version INTEGER NOT NULL,
          status TEXT NOT NULL,
          correlation_id TEXT,
          parent_workflow_id TEXT,
          classifier TEXT,
          priority INTEGER NOT NULL,
          start_time INTEGER NOT NULL,
          update_time INTEGER NOT NULL,
          end_time INTEGER NOT NULL,
          next_check_at INTEGER,
          json TEXT NOT NULL
        );
        CREATE INDEX executions_status_start ON executions(status, start_time);
        CREATE INDEX executions_type_status_start ON executions(workflow_type, status, start_time);
        CREATE INDEX executions_start ON executions(start_time);
        CREATE INDEX executions_correlation ON executions(correlation_id, workflow_type);
        CREATE INDEX executions_due ON executions(next_check_at) WHERE next_check_at IS NOT NULL;

        CREATE TABLE execution_tasks (
          task_id TEXT PRIMARY KEY,
          workflow_id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          task_type TEXT NOT NULL,
          task_def_name TEXT NOT NULL,
          reference_task_name TEXT NOT NULL,
          status TEXT NOT NULL,
          workflow_type TEXT NOT NULL,
          correlation_id TEXT,
          scheduled_time INTEGER NOT NULL,
          start_time INTEGER NOT NULL,
          update_time INTEGER NOT NULL,
          end_time INTEGER NOT NULL,
          queue_name TEXT,
          priority INTEGER NOT NULL,
          visible_at INTEGER,
          json TEXT NOT NULL
        );
        CREATE INDEX tasks_workflow ON execution_tasks(workflow_id, seq);
        CREATE INDEX tasks_queue ON execution_tasks(queue_name, priority DESC, visible_at) WHERE queue_name IS NOT NULL;
        CREATE INDEX tasks_type_status ON execution_tasks(task_type, status);

        -- Few indexes on purpose: every task update maintains them. Task search filters on
        -- task_type/status; concurrency and rate limits count by task_type.
        -- The definition snapshot is written once per run (start, restart), not on every change.
        CREATE TABLE execution_defs (
          workflow_id TEXT PRIMARY KEY,
          json TEXT NOT NULL
        );

        CREATE TABLE task_logs (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          task_id TEXT NOT NULL,
          log TEXT NOT NULL,
          created_time INTEGER NOT NULL
        );
        CREATE INDEX task_logs_task ON task_logs(task_id, id);
      `,
    },
  ],
};

/** The queue a worker polls: the task type, prefixed `domain:` when the task has a domain. */
export function queueNameOf(taskType: string, domain?: string): string {
  return domain ? `${domain}:${taskType}` : taskType;
}

type StoredTask = Omit<TaskModel, 'workflowTask' | 'taskDefinition'> & { workflowTask?: TaskModel['workflowTask'] };

export interface QueuedRow {
  task_id: string;
  workflow_id: string;
}

/**
 * Parsed definition snapshots by workflow id. A snapshot never changes except through a
 * write here (start, restart, remove), which evicts it first, so a rolled-back write only
 * costs a re-read. The engine never mutates definition objects.
 */
const DEFINITION_CACHE_SIZE = 5000;

export class ExecutionStore {
  private readonly definitions = new Map<string, Execution['workflowDefinition']>();
  private readonly upsertWorkflow: Statement;
  private readonly upsertTask: Statement;
  private readonly deleteTask: Statement;
  private readonly selectWorkflow: Statement;
  private readonly selectTasks: Statement;
  private readonly selectTaskWorkflow: Statement;
  private readonly selectQueued: Statement;
  private readonly countQueued: Statement;
  private readonly upsertDefinition: Statement;
  private readonly updateNextCheck: Statement;
  private readonly updateWorkflowBody: Statement;
  /** The indexed columns of each execution as loaded (see save). */
  private readonly loadedKeys = new WeakMap<Execution, string>();
  private readonly selectDefinition: Statement;

  constructor(private readonly db: Database) {
    // Upserts, not INSERT OR REPLACE: an update then touches only the indexes whose columns changed.
    this.upsertWorkflow = db.prepare(`INSERT INTO executions
      (workflow_id, workflow_type, version, status, correlation_id, parent_workflow_id, classifier, priority, start_time, update_time, end_time, next_check_at, json)
      VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(workflow_id) DO UPDATE SET workflow_type = excluded.workflow_type, version = excluded.version, status = excluded.status,
        correlation_id = excluded.correlation_id, parent_workflow_id = excluded.parent_workflow_id, priority = excluded.priority,
        start_time = excluded.start_time, update_time = excluded.update_time, end_time = excluded.end_time,
        next_check_at = excluded.next_check_at, json = excluded.json`);
    this.upsertTask = db.prepare(`INSERT INTO execution_tasks
      (task_id, workflow_id, seq, task_type, task_def_name, reference_task_name, status, workflow_type, correlation_id,
       scheduled_time, start_time, update_time, end_time, queue_name, priority, visible_at, json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(task_id) DO UPDATE SET status = excluded.status, correlation_id = excluded.correlation_id,
        scheduled_time = excluded.scheduled_time, start_time = excluded.start_time, update_time = excluded.update_time,
        end_time = excluded.end_time, queue_name = excluded.queue_name, visible_at = excluded.visible_at, json = excluded.json`);
    // SQLite maintains every index on a column named in SET, changed or not: when the keys an
    // execution was loaded with are unchanged, this lighter statement leaves the search
    // indexes alone (only the sweeper's next_check_at index moves).
    this.updateWorkflowBody = db.prepare('UPDATE executions SET update_time = ?, end_time = ?, next_check_at = ?, json = ? WHERE workflow_id = ?');
    this.updateNextCheck = db.prepare('UPDATE executions SET next_check_at = ? WHERE workflow_id = ?');
    this.upsertDefinition = db.prepare('INSERT OR REPLACE INTO execution_defs (workflow_id, json) VALUES (?, ?)');
    this.selectDefinition = db.prepare('SELECT json FROM execution_defs WHERE workflow_id = ?').pluck();
    this.deleteTask = db.prepare('DELETE FROM execution_tasks WHERE task_id = ?');
    this.selectWorkflow = db.prepare('SELECT json FROM executions WHERE workflow_id = ?').pluck();
    this.selectTasks = db.prepare('SELECT json FROM execution_tasks WHERE workflow_id = ? ORDER BY seq, rowid').pluck();
    this.selectTaskWorkflow = db.prepare('SELECT workflow_id FROM execution_tasks WHERE task_id = ?').pluck();
    this.selectQueued = db.prepare(`SELECT task_id, workflow_id FROM execution_tasks
      WHERE queue_name = ? AND visible_at <= ? ORDER BY priority DESC, visible_at LIMIT ?`);
    this.countQueued = db.prepare('SELECT COUNT(*) FROM execution_tasks WHERE queue_name = ?').pluck();
  }

  load(workflowId: string, includeTasks = true): Execution | undefined {
    const json = this.selectWorkflow.get(workflowId) as string | undefined;
    if (json === undefined) return undefined;
    const execution = JSON.parse(json) as Execution;
    const definition = this.definitionOf(workflowId);
    if (!definition) throw new Error(`execution ${workflowId} has no definition snapshot`);
    execution.workflowDefinition = definition;
    this.loadedKeys.set(execution, indexedKeys(execution));
    execution.tasks = includeTasks ? (this.selectTasks.all(workflowId) as string[]).map((t) => reviveTask(JSON.parse(t) as StoredTask, execution)) : [];
    return execution;
  }

  /** The definition snapshot of an execution (search-v2 rows are stored without it). */
  definitionOf(workflowId: string): Execution['workflowDefinition'] | undefined {
    const cached = this.definitions.get(workflowId);
    if (cached) return cached;
    const json = this.selectDefinition.get(workflowId) as string | undefined;
    if (json === undefined) return undefined;
    const definition = JSON.parse(json) as Execution['workflowDefinition'];
    if (this.definitions.size >= DEFINITION_CACHE_SIZE) this.definitions.delete(this.definitions.keys().next().value as string);
    this.definitions.set(workflowId, definition);
    return definition;
  }

  workflowIdOfTask(taskId: string): string | undefined {
    return this.selectTaskWorkflow.get(taskId) as string | undefined;
  }

  /** Writes the execution row and every changed or removed task record. */
  save(execution: Execution, changes: Changes, nextCheckAt: number | undefined): void {
    const { tasks, workflowDefinition, ...body } = execution;
    if (changes.definitionChanged) {
      changes.workflowChanged = true;
      this.definitions.delete(execution.workflowId);
      this.upsertDefinition.run(execution.workflowId, JSON.stringify(workflowDefinition));
      changes.definitionChanged = false;
    }
    if (changes.workflowChanged && this.loadedKeys.get(execution) === indexedKeys(execution)) {
      this.updateWorkflowBody.run(execution.updateTime, execution.endTime, nextCheckAt ?? null, JSON.stringify(body), execution.workflowId);
    } else if (changes.workflowChanged) {
      this.loadedKeys.set(execution, indexedKeys(execution));
      this.upsertWorkflow.run(
        execution.workflowId, execution.workflowName, execution.workflowVersion, execution.status,
        execution.correlationId ?? null, execution.parentWorkflowId ?? null, execution.priority,
        execution.createTime, execution.updateTime, execution.endTime, nextCheckAt ?? null, JSON.stringify(body),
      );
    } else {
      // Only task records changed (a poll, a quiet decide): the execution row keeps its JSON.
      this.updateNextCheck.run(nextCheckAt ?? null, execution.workflowId);
    }
    changes.workflowChanged = false;
    for (const taskId of changes.removedTaskIds) this.deleteTask.run(taskId);
    for (const task of changes.tasks) this.saveTask(execution, task);
    void tasks;
  }

  private saveTask(execution: Execution, task: TaskModel): void {
    const queued = task.status === 'SCHEDULED' && isQueuedTask(task);
    const { workflowTask, taskDefinition, ...stored } = task;
    const inDef = findWorkflowTask(execution.workflowDefinition.tasks, task.referenceTaskName.replace(/__\d+$/, '')) === workflowTask;
    void taskDefinition;
    this.upsertTask.run(
      task.taskId, task.workflowInstanceId, task.seq, task.taskType, task.taskDefName, task.referenceTaskName, task.status,
      task.workflowType, task.correlationId ?? null, task.scheduledTime, task.startTime, task.updateTime, task.endTime,
      queued ? queueNameOf(task.taskType, task.domain) : null, task.workflowPriority,
      queued ? (task.visibleAt ?? task.scheduledTime) : null,
      JSON.stringify(inDef ? stored : { ...stored, workflowTask }),
    );
  }

  remove(workflowId: string): void {
    this.definitions.delete(workflowId);
    this.db.prepare('DELETE FROM task_logs WHERE task_id IN (SELECT task_id FROM execution_tasks WHERE workflow_id = ?)').run(workflowId);
    this.db.prepare('DELETE FROM execution_tasks WHERE workflow_id = ?').run(workflowId);
    this.db.prepare('DELETE FROM executions WHERE workflow_id = ?').run(workflowId);
    this.db.prepare('DELETE FROM execution_defs WHERE workflow_id = ?').run(workflowId);
  }

  /** Queued tasks of `queue` visible at `now`, highest priority first, oldest first. */
  selectVisible(queue: string, now: number, limit: number): QueuedRow[] {
    return this.selectQueued.all(queue, now, limit) as QueuedRow[];
  }

  queueSize(queue: string): number {
    return this.countQueued.get(queue) as number;
  }
}

/** The execution's values of the indexed columns other than update/end time and next check. */
function indexedKeys(e: Execution): string {
  return JSON.stringify([e.workflowName, e.workflowVersion, e.status, e.correlationId ?? null, e.parentWorkflowId ?? null, e.priority, e.createTime]);
}

/** Re-attaches the WorkflowTask (and its TaskDef) from the execution's definition snapshot. */
function reviveTask(stored: StoredTask, execution: Execution): TaskModel {
  const workflowTask = stored.workflowTask ?? findWorkflowTask(execution.workflowDefinition.tasks, stored.referenceTaskName.replace(/__\d+$/, ''));
  if (!workflowTask) throw new Error(`task ${stored.taskId} of ${execution.workflowId} has no workflow task`);
  const task = { ...stored, workflowTask } as TaskModel;
  if (workflowTask.taskDefinition) task.taskDefinition = workflowTask.taskDefinition;
  return task;
}
