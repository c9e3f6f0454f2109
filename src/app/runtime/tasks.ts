/** `task poll` and `task update-execution`. */
import type { JsonObject } from '../../core/model.js';
import { CliError, UsageError } from '../../errors.js';
import { pollTaskBatch, postTaskByRef } from '../../conductor/task-api.js';
import { orNotFound, type RuntimeClient } from './client.js';
import { notFound } from './executions.js';

export const TASK_RESULT_STATUSES = ['IN_PROGRESS', 'COMPLETED', 'FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'CANCELED'] as const;

export interface PollTasksOptions {
  count?: number;
  workerId?: string;
  domain?: string;
  timeoutMs?: number;
}

/** Polls up to `count` tasks (they become IN_PROGRESS, owned by `workerId`). */
export async function pollTasks(client: RuntimeClient, taskType: string, options: PollTasksOptions): Promise<JsonObject[]> {
  const count = options.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`--count must be a positive integer, got ${count}`);
  const timeoutMs = options.timeoutMs ?? 100;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 0 || timeoutMs > 5000) throw new UsageError('--timeout must be 0..5000 ms');
  return pollTaskBatch(client, taskType, {
    count,
    timeoutMs,
    ...(options.workerId ? { workerId: options.workerId } : {}),
    ...(options.domain ? { domain: options.domain } : {}),
  });
}

export interface UpdateTaskExecutionOptions {
  workflowId: string;
  taskRefName: string;
  status: string;
  output?: JsonObject;
  workerId?: string;
}

/** Sets the status (and output) of the pending task with that reference; returns its task id. */
export async function updateTaskExecution(client: RuntimeClient, options: UpdateTaskExecutionOptions): Promise<string> {
  const status = options.status.toUpperCase();
  if (!(TASK_RESULT_STATUSES as readonly string[]).includes(status)) {
    throw new UsageError(`--status must be one of ${TASK_RESULT_STATUSES.join(', ')}`, { code: 'STATUS_INVALID' });
  }
  const taskId = await orNotFound(
    postTaskByRef(client, options.workflowId, options.taskRefName, status, options.output ?? {}, options.workerId),
    'EXECUTION_NOT_FOUND',
    notFound(options.workflowId),
  );
  if (taskId === '') {
    throw new CliError('TASK_NOT_PENDING', `workflow execution ${options.workflowId} has no pending task ${options.taskRefName}`, {
      hint: 'check the reference name with `conductor workflow get-execution <id> -c`',
    });
  }
  return taskId;
}
