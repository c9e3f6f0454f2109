/**
 * What the engine is given (the clock reading and an id source) and what it hands back (the
 * set of changed records). The engine never touches storage: a caller loads an execution,
 * runs engine functions with a fresh `EngineContext`, then persists `ctx.changes` in one
 * transaction. Time is passed in, so every rule is testable without waiting.
 */
import type { Execution, JsonMap, TaskModel, WorkflowStatus } from './model.js';

/** A workflow the engine asks the caller to start (the failure workflow, G3). */
export interface StartRequest {
  name: string;
  version?: number;
  input: JsonMap;
  correlationId?: string;
  taskToDomain: Record<string, string>;
  /** Called with the new id (or an error text) so the caller can record it in the output. */
  onResult(result: { workflowId?: string; error?: string }): void;
}

export class Changes {
  workflowChanged = false;
  /** The definition snapshot was (re)taken: start, restart with the latest definition. */
  definitionChanged = false;
  readonly tasks = new Set<TaskModel>();
  readonly removedTaskIds = new Set<string>();
  readonly workflowsToStart: StartRequest[] = [];
  /** Set when the execution itself is deleted (remove). */
  workflowRemoved = false;

  touchTask(task: TaskModel): void {
    this.tasks.add(task);
    this.removedTaskIds.delete(task.taskId);
  }

  removeTask(task: TaskModel): void {
    this.tasks.delete(task);
    this.removedTaskIds.add(task.taskId);
  }
}

export interface EngineContext {
  /** Epoch ms, fixed for one engine call. */
  readonly now: number;
  newId(): string;
  readonly changes: Changes;
}

export function createContext(now: number, newId: () => string): EngineContext {
  return { now, newId, changes: new Changes() };
}

/**
 * TerminateWorkflowException: ends the execution with `status` (FAILED by default) from
 * inside the decider; `task` is the task that caused it.
 */
export class TerminateWorkflow extends Error {
  constructor(
    readonly reason: string,
    readonly status: WorkflowStatus = 'FAILED',
    readonly task?: TaskModel,
  ) {
    super(reason);
    this.name = 'TerminateWorkflow';
  }
}

/** An operation refused with a Conductor status code (404/409/400/500), mapped by routes. */
export class EngineRefusal extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 500,
    message: string,
  ) {
    super(message);
    this.name = 'EngineRefusal';
  }
}

export function touchWorkflow(execution: Execution, ctx: EngineContext): void {
  execution.updateTime = ctx.now;
  ctx.changes.workflowChanged = true;
}
