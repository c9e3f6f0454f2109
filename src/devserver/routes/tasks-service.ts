/**
 * Worker-facing operations: poll (claiming queued tasks in one transaction, honouring
 * concurrentExecLimit and the rate limit, then long polling) and task updates. A claimed task
 * leaves its queue in the same transaction that marks it IN_PROGRESS, so a task is never
 * handed to two workers at once.
 */
import { ApiError, badRequest, notFound, validationFailed, type ValidationErrorItem } from '../http/api-error.js';
import { isPlainObject, type Execution, type JsonMap, type TaskModel } from '../engine/model.js';
import { applyTaskResult, findPendingTaskByRef, markPolled, TASK_RESULT_STATUSES, type TaskResult } from '../engine/task-updates.js';
import { queueNameOf } from '../store/executions.js';
import type { ExecutionService } from './executions-service.js';

export interface PollOptions {
  taskType: string;
  count: number;
  timeoutMs: number;
  workerId?: string;
  domain?: string;
  /** The request's abort signal: a poll whose client left takes nothing. */
  signal?: AbortSignal;
}

export interface PollDataRow {
  queueName: string;
  domain?: string;
  workerId?: string;
  lastPollTime: number;
}

export class TaskService {
  /** Last poll per queue (in memory: poll data is diagnostics, not state). */
  readonly pollData = new Map<string, PollDataRow>();

  constructor(private readonly executions: ExecutionService) {}

  async poll(options: PollOptions): Promise<TaskModel[]> {
    const queue = queueNameOf(options.taskType, options.domain);
    const deadline = this.executions.now() + options.timeoutMs;
    this.pollData.set(queue, {
      queueName: options.taskType,
      ...(options.domain ? { domain: options.domain } : {}),
      ...(options.workerId ? { workerId: options.workerId } : {}),
      lastPollTime: this.executions.now(),
    });
    for (;;) {
      if (!this.executions.deps.db.open || options.signal?.aborted) return [];
      // Claim, or register as a waiter in the same unit: a task scheduled by any later unit
      // (even in the same group commit) is then handed to this poll directly.
      const outcome = await this.executions.transact<{ tasks: TaskModel[] } | { wait: Promise<TaskModel[]> }>((touched) => {
        const tasks = this.claimIn(queue, options.count, options.workerId, touched);
        const remaining = deadline - this.executions.now();
        if (tasks.length > 0 || remaining <= 0) return { tasks };
        return { wait: this.executions.waiters.wait(queue, remaining, options.count, options.workerId, options.signal) };
      });
      if ('tasks' in outcome) return outcome.tasks;
      // The waiter was registered during the unit; it resolves after a later commit.
      const handedOff = await outcome.wait;
      if (handedOff.length > 0 || deadline - this.executions.now() <= 0) return handedOff;
    }
  }

  /** Claims up to `count` visible tasks of `queue` (inside a unit). */
  private claimIn(queue: string, count: number, workerId: string | undefined, touched: Execution[]): TaskModel[] {
    const now = this.executions.now();
    const claimed: TaskModel[] = [];
    const loaded = new Map<string, Execution>();
    for (const row of this.executions.store.selectVisible(queue, now, Math.max(count * 4, count + 16))) {
      if (claimed.length >= count) break;
      let execution = loaded.get(row.workflow_id);
      if (!execution) {
        execution = this.executions.store.load(row.workflow_id);
        if (!execution) continue;
        loaded.set(row.workflow_id, execution);
      }
      const task = execution.tasks.find((t) => t.taskId === row.task_id);
      if (!task || task.status !== 'SCHEDULED') continue;
      if (this.overLimit(task, now)) continue;
      const ctx = this.executions.newContext();
      markPolled(task, workerId, ctx);
      this.executions.persist(execution, ctx, touched);
      claimed.push(task);
    }
    return claimed;
  }

  /**
   * concurrentExecLimit and rateLimitPerFrequency (A18, A19): such tasks stay queued. The
   * counts read this transaction's own writes, so tasks claimed earlier in the batch count.
   */
  private overLimit(task: TaskModel, now: number): boolean {
    const def = task.taskDefinition;
    if (!def) return false;
    if (def.concurrentExecLimit !== undefined && def.concurrentExecLimit > 0) {
      if (this.executions.search.countInProgress(task.taskType) >= def.concurrentExecLimit) return true;
    }
    if (def.rateLimitPerFrequency > 0) {
      const since = now - def.rateLimitFrequencyInSeconds * 1000;
      if (this.executions.search.countStartedSince(task.taskType, since) >= def.rateLimitPerFrequency) return true;
    }
    return false;
  }

  /** POST /tasks: applies a TaskResult, runs the decider; returns the task. */
  update(body: unknown): Promise<TaskModel> {
    const result = parseTaskResult(body);
    return this.executions.transact((touched) => this.updateIn(result, body, touched));
  }

  /**
   * POST /tasks/update-v2: the update and the claim of the next task of the same type for
   * the same worker in ONE unit (one commit instead of two per task for SDK workers).
   */
  updateAndClaimNext(body: unknown): Promise<TaskModel | undefined> {
    const result = parseTaskResult(body);
    return this.executions.transact((touched) => {
      const task = this.updateIn(result, body, touched);
      const workerId = result.workerId ?? task.workerId;
      return this.claimIn(queueNameOf(task.taskType, task.domain), 1, workerId, touched)[0];
    });
  }

  private updateIn(result: TaskResult, body: unknown, touched: Execution[]): TaskModel {
    const execution = this.executions.store.load(result.workflowInstanceId);
    if (!execution) throw notFound(`No such workflow found by id: ${result.workflowInstanceId}`);
    const task = execution.tasks.find((t) => t.taskId === result.taskId);
    if (!task) throw notFound(`No such task found by id: ${result.taskId}`);
    const ctx = this.executions.newContext();
    const outcome = applyTaskResult(execution, task, result, ctx);
    this.executions.persist(execution, ctx, touched);
    if (outcome === 'updated') this.addLogs(task.taskId, body, ctx.now);
    return task;
  }

  /** POST /tasks/{wf}/{ref}/{status}: undefined when no pending task has that ref. */
  updateByRef(workflowId: string, ref: string, status: string, output: JsonMap, workerId: string | undefined): Promise<TaskModel | undefined> {
    if (!TASK_RESULT_STATUSES.has(status)) throw new ApiError(500, `No enum constant com.netflix.conductor.common.metadata.tasks.TaskResult.Status.${status}`);
    return this.executions.transact((touched) => {
      const execution = this.executions.getOrThrow(workflowId);
      const task = findPendingTaskByRef(execution, ref);
      if (!task) return undefined;
      const ctx = this.executions.newContext();
      const result: TaskResult = { workflowInstanceId: workflowId, taskId: task.taskId, status: status as TaskResult['status'], outputData: { ...task.outputData, ...output }, ...(workerId ? { workerId } : {}) };
      applyTaskResult(execution, task, result, ctx);
      this.executions.persist(execution, ctx, touched);
      return task;
    });
  }

  private addLogs(taskId: string, body: unknown, now: number): void {
    const logs = isPlainObject(body) && Array.isArray(body['logs']) ? body['logs'] : [];
    const rows = logs
      .filter(isPlainObject)
      .map((l) => ({ taskId, log: String(l['log'] ?? ''), createdTime: typeof l['createdTime'] === 'number' ? l['createdTime'] : now }));
    if (rows.length > 0) this.executions.search.addTaskLogs(rows);
  }
}

/** TaskResult validation as the real server: 400 for empty ids, 500 for a missing/bad status. */
export function parseTaskResult(body: unknown): TaskResult {
  if (!isPlainObject(body)) throw new ApiError(500, 'Required request body is missing');
  const errors: ValidationErrorItem[] = [];
  const workflowInstanceId = body['workflowInstanceId'];
  const taskId = body['taskId'];
  if (typeof workflowInstanceId !== 'string' || workflowInstanceId === '') errors.push({ path: 'updateTask.arg0.workflowInstanceId', message: 'Workflow Id cannot be null or empty' });
  if (typeof taskId !== 'string' || taskId === '') errors.push({ path: 'updateTask.arg0.taskId', message: 'Task ID cannot be null or empty' });
  if (errors.length > 0) throw validationFailed(errors);
  const status = body['status'];
  if (typeof status !== 'string' || !TASK_RESULT_STATUSES.has(status)) throw new ApiError(500, `Invalid task status: ${String(status)}`);
  const callback = body['callbackAfterSeconds'];
  if (callback !== undefined && callback !== null && typeof callback !== 'number') throw badRequest('callbackAfterSeconds must be a number');
  return {
    workflowInstanceId: workflowInstanceId as string,
    taskId: taskId as string,
    status: status as TaskResult['status'],
    outputData: isPlainObject(body['outputData']) ? body['outputData'] : {},
    ...(typeof body['reasonForIncompletion'] === 'string' ? { reasonForIncompletion: body['reasonForIncompletion'] } : {}),
    ...(typeof callback === 'number' ? { callbackAfterSeconds: callback } : {}),
    ...(typeof body['workerId'] === 'string' ? { workerId: body['workerId'] } : {}),
    ...(typeof body['subWorkflowId'] === 'string' ? { subWorkflowId: body['subWorkflowId'] } : {}),
    ...(body['extendLease'] === true ? { extendLease: true } : {}),
  };
}
