/**
 * The execution service: the one place where the pure engine meets the store. Every state
 * change is load → engine → save inside ONE SQLite transaction (synchronous=FULL, so it is
 * on disk before the caller answers); notifications to long-polling workers and to sync
 * waiters happen only after the commit. Route modules call this; it knows nothing of HTTP
 * except the ApiError it throws for refusals.
 */
import { EventEmitter } from 'node:events';
import { ApiError, notFound } from '../http/api-error.js';
import type { ServerDeps } from '../http/types.js';
import { createContext, EngineRefusal, type Changes, type EngineContext, type StartRequest } from '../engine/context.js';
import { buildDefinitionSnapshot } from '../engine/definitions.js';
import { isPlainObject, type Execution, type JsonMap, type TaskModel, type WorkflowDef } from '../engine/model.js';
import { markPolled } from '../engine/task-updates.js';
import { startExecution } from '../engine/start.js';
import { isQueuedTask } from '../engine/task-types.js';
import { computeNextCheckAt } from '../engine/timeouts.js';
import { ExecutionStore, queueNameOf } from '../store/executions.js';
import { newId } from '../store/executions-ids.js';
import { SearchStore } from '../store/search.js';
import { QueueWaiters, type Waiter } from './tasks-waiters.js';

interface Delivery {
  waiter: Waiter;
  task: TaskModel;
}

export interface StartOptions {
  name: string;
  version?: number;
  input: JsonMap;
  correlationId?: string;
  priority?: number;
  taskToDomain?: Record<string, string>;
  /** An inline (ephemeral) definition, used as-is (H6). */
  workflowDef?: JsonMap;
  createdBy?: string;
  idempotencyKey?: string;
  /** Which 404 message an unknown definition gets (the two start endpoints differ). */
  notFoundStyle: 'byName' | 'request';
}

export class ExecutionService {
  readonly store: ExecutionStore;
  readonly search: SearchStore;
  readonly waiters = new QueueWaiters();
  /** Emits the workflow id after every committed change (sync execution waits on it). */
  readonly changed = new EventEmitter();

  constructor(readonly deps: ServerDeps) {
    this.runUnit = deps.db.transaction((fn: (touched: Execution[]) => unknown, touched: Execution[]) => fn(touched));
    this.store = new ExecutionStore(deps.db);
    this.search = new SearchStore(deps.db);
    this.changed.setMaxListeners(0);
  }

  now(): number {
    return this.deps.clock.now();
  }

  newContext(): EngineContext {
    return createContext(this.now(), () => newId());
  }

  /**
   * Runs `fn` as one atomic unit (a savepoint) of the next group commit and resolves after
   * that COMMIT is on disk. Units queued during one event-loop turn share one transaction
   * (group commit: one fsync for many state changes, the commit rate of the disk being the
   * floor); a unit that throws rolls back alone. No transaction stays open between turns, so
   * other modules' writes never interleave with ours. After the commit, long-polling workers
   * and sync waiters are woken.
   */
  transact<T>(fn: (touched: Execution[]) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private unitDeliveries: Delivery[] | undefined;
  /** A savepoint around one unit (nested in the group's transaction); built once. */
  private readonly runUnit: (fn: (touched: Execution[]) => unknown, touched: Execution[]) => unknown;
  private readonly pending: Array<{ fn: (touched: Execution[]) => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }> = [];
  private flushScheduled = false;

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending.splice(0);
    if (!this.deps.db.open) {
      for (const unit of batch) unit.reject(new ApiError(503, 'the dev server is shutting down'));
      return;
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    const touched: Execution[] = [];
    const deliveries: Delivery[] = [];
    try {
      this.deps.db.transaction(() => {
        for (const unit of batch) {
          const unitTouched: Execution[] = [];
          this.unitDeliveries = [];
          try {
            outcomes.push({ ok: true, value: this.runUnit(unit.fn, unitTouched) });
            touched.push(...unitTouched);
            deliveries.push(...this.unitDeliveries);
          } catch (error) {
            for (const d of this.unitDeliveries) d.waiter.reserved--;
            outcomes.push({ ok: false, error });
          }
        }
        this.unitDeliveries = undefined;
      })();
    } catch (error) {
      this.unitDeliveries = undefined;
      for (const d of deliveries) d.waiter.reserved--;
      for (const unit of batch) unit.reject(error);
      return;
    }
    this.deliver(deliveries);
    this.afterCommit(touched);
    batch.forEach((unit, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) unit.resolve(outcome.value);
      else unit.reject(outcome?.error);
    });
  }

  /** Hands committed claims to their waiting pollers, one answer per waiter. */
  private deliver(deliveries: Delivery[]): void {
    const byWaiter = new Map<Waiter, TaskModel[]>();
    for (const { waiter, task } of deliveries) {
      const list = byWaiter.get(waiter);
      if (list) list.push(task);
      else byWaiter.set(waiter, [task]);
    }
    for (const [waiter, tasks] of byWaiter) waiter.deliver(tasks);
  }

  /**
   * Direct hand-off, inside the unit: visible queued tasks of `execution` go straight to
   * pollers already waiting on their queue (claimed here, delivered after the commit). Tasks
   * under a concurrency or rate limit take the normal claim path, which checks the limits.
   */
  private handOff(execution: Execution): void {
    if (!this.unitDeliveries) return;
    const now = this.now();
    for (const task of execution.tasks) {
      if (task.status !== 'SCHEDULED' || !isQueuedTask(task) || (task.visibleAt ?? 0) > now) continue;
      const def = task.taskDefinition;
      if (def && ((def.concurrentExecLimit ?? 0) > 0 || def.rateLimitPerFrequency > 0)) continue;
      const waiter = this.waiters.reserve(queueNameOf(task.taskType, task.domain));
      if (!waiter) continue;
      const ctx = this.newContext();
      markPolled(task, waiter.workerId, ctx);
      this.store.save(execution, ctx.changes, computeNextCheckAt(execution));
      this.unitDeliveries.push({ waiter, task });
    }
  }

  private afterCommit(touched: Execution[]): void {
    const now = this.now();
    for (const execution of touched) {
      for (const task of execution.tasks) {
        if (task.status === 'SCHEDULED' && task.visibleAt !== undefined && isQueuedTask(task)) {
          this.waiters.notifyAt(queueNameOf(task.taskType, task.domain), task.visibleAt, now);
        }
      }
    }
    for (const execution of touched) this.changed.emit('changed', execution.workflowId);
  }

  /** Persists an execution after an engine call, starting any failure workflow first (G3). */
  persist(execution: Execution, ctx: EngineContext, touched: Execution[]): void {
    for (const request of ctx.changes.workflowsToStart.splice(0)) this.startRequested(request, ctx, touched);
    this.saveChanges(execution, ctx.changes);
    touched.push(execution);
    this.handOff(execution);
  }

  private saveChanges(execution: Execution, changes: Changes): void {
    this.store.save(execution, changes, computeNextCheckAt(execution));
    changes.tasks.clear();
    changes.removedTaskIds.clear();
  }

  private startRequested(request: StartRequest, ctx: EngineContext, touched: Execution[]): void {
    const raw = this.deps.metadata.getWorkflowDef(request.name, request.version);
    if (!raw) {
      request.onResult({ error: `No such workflow found by name: ${request.name}, version: ${request.version ?? null}` });
      return;
    }
    const child = createContext(ctx.now, () => newId());
    const execution = startExecution(
      { workflowId: newId(), definition: this.snapshot(raw), input: request.input, taskToDomain: request.taskToDomain, ...(request.correlationId !== undefined ? { correlationId: request.correlationId } : {}) },
      child,
    );
    this.persist(execution, child, touched);
    request.onResult({ workflowId: execution.workflowId });
  }

  snapshot(raw: JsonMap): WorkflowDef {
    return buildDefinitionSnapshot(raw, (name) => this.deps.metadata.getTaskDef(name));
  }

  resolveDefinition(options: StartOptions): WorkflowDef {
    if (options.workflowDef && isPlainObject(options.workflowDef)) return this.snapshot(options.workflowDef);
    const raw = this.deps.metadata.getWorkflowDef(options.name, options.version);
    if (raw) return this.snapshot(raw);
    if (options.notFoundStyle === 'byName') throw notFound(`No such workflow found by name: ${options.name}, version: ${options.version ?? null}`);
    throw notFound(`No such workflow defined. name=${options.name}, version=${options.version ?? null}`);
  }

  /** Starts an execution; it exists with its first tasks scheduled before this resolves. */
  start(options: StartOptions): Promise<Execution> {
    const definition = this.resolveDefinition(options);
    return this.transact((touched) => {
      const ctx = this.newContext();
      const execution = startExecution(
        {
          workflowId: newId(),
          definition,
          input: options.input,
          ...(options.correlationId !== undefined ? { correlationId: options.correlationId } : {}),
          ...(options.priority !== undefined ? { priority: options.priority } : {}),
          ...(options.taskToDomain !== undefined ? { taskToDomain: options.taskToDomain } : {}),
          ...(options.createdBy !== undefined ? { createdBy: options.createdBy } : {}),
          ...(options.idempotencyKey !== undefined ? { idempotencyKey: options.idempotencyKey } : {}),
        },
        ctx,
      );
      this.persist(execution, ctx, touched);
      return execution;
    });
  }

  /** Loads, runs `fn` with the engine, persists: one transaction. 404 for an unknown id. */
  mutate<T>(workflowId: string, fn: (execution: Execution, ctx: EngineContext) => T): Promise<T> {
    return this.transact((touched) => {
      const execution = this.getOrThrow(workflowId);
      const ctx = this.newContext();
      const result = refusalToApiError(() => fn(execution, ctx));
      this.persist(execution, ctx, touched);
      return result;
    });
  }

  getOrThrow(workflowId: string, includeTasks = true): Execution {
    const execution = this.store.load(workflowId, includeTasks);
    if (!execution) throw notFound(`No such workflow found by id: ${workflowId}`);
    return execution;
  }

  remove(workflowId: string, archive: boolean): Promise<void> {
    return this.transact(() => {
      const execution = this.getOrThrow(workflowId, false);
      if (archive && (execution.status === 'RUNNING' || execution.status === 'PAUSED')) {
        throw new ApiError(400, `Cannot archive workflow: ${workflowId} with status: ${execution.status}`);
      }
      this.store.remove(workflowId);
    });
  }
}

/** EngineRefusal → the ApiError with the real server's status code. */
export function refusalToApiError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof EngineRefusal) throw new ApiError(error.status, error.message);
    throw error;
  }
}
