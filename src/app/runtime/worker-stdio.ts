/**
 * The `worker stdio` loop: poll a task type, run the command once per task (worker-command),
 * post the result (worker-result), with up to `concurrency` commands at a time. When
 * `signal` aborts, polling stops (an in-flight poll is cancelled) and running commands are
 * awaited, so no polled task is abandoned. Poll failures are reported and retried with
 * backoff; the loop itself never ends on an error.
 */
import type { JsonObject } from '../../core/model.js';
import { pollTaskBatch, postTaskResult } from '../../conductor/task-api.js';
import type { RuntimeClient } from './client.js';
import { runWorkerCommand } from './worker-command.js';
import { buildTaskResult } from './worker-result.js';

export interface StdioWorkerEvents {
  taskStarted?(task: JsonObject): void;
  taskFinished?(summary: TaskSummary): void;
  output?(taskId: string, stream: 'stdout' | 'stderr', text: string): void;
  pollFailed?(error: unknown, retryInMs: number): void;
  updateFailed?(taskId: string, error: unknown): void;
}

export interface TaskSummary {
  taskId: string;
  workflowId: string;
  status: string;
  reason?: string;
  durationMs: number;
}

export interface StdioWorkerOptions {
  taskType: string;
  command: string;
  args: readonly string[];
  /** Commands running at once (default 1). */
  concurrency?: number;
  workerId?: string;
  domain?: string;
  /** Long-poll wait per poll, ms (default 100). */
  pollTimeoutMs?: number;
  /** Per command; 0 = none. */
  execTimeoutSeconds?: number;
  env: Readonly<Record<string, string | undefined>>;
  signal: AbortSignal;
  events?: StdioWorkerEvents;
  now?: () => number;
}

export interface StdioWorkerResult {
  processed: number;
  /** Tasks reported FAILED (by the command or because it failed). */
  failed: number;
  /** Results the server did not accept. */
  updateErrors: number;
}

const EMPTY_POLL_BACKOFF_MS = 100;

export async function runStdioWorker(client: RuntimeClient, options: StdioWorkerOptions): Promise<StdioWorkerResult> {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const now = options.now ?? Date.now;
  const events = options.events ?? {};
  const result: StdioWorkerResult = { processed: 0, failed: 0, updateErrors: 0 };
  const running = new Set<Promise<void>>();
  let errorBackoff = 0;
  while (!options.signal.aborted) {
    if (running.size >= concurrency) {
      await Promise.race(running);
      continue;
    }
    let tasks: JsonObject[];
    try {
      tasks = await pollTaskBatch(client, options.taskType, {
        count: concurrency - running.size,
        timeoutMs: options.pollTimeoutMs ?? 100,
        signal: options.signal,
        ...(options.workerId ? { workerId: options.workerId } : {}),
        ...(options.domain ? { domain: options.domain } : {}),
      });
      errorBackoff = 0;
    } catch (error) {
      if (options.signal.aborted) break;
      errorBackoff = Math.min(Math.max(errorBackoff * 2, 500), 10_000);
      events.pollFailed?.(error, errorBackoff);
      await sleep(errorBackoff, options.signal);
      continue;
    }
    if (tasks.length === 0) {
      await sleep(EMPTY_POLL_BACKOFF_MS, options.signal);
      continue;
    }
    for (const task of tasks) {
      const job: Promise<void> = handleTask(client, task, options, events, result, now).finally(() => running.delete(job));
      running.add(job);
    }
  }
  await Promise.all(running);
  return result;
}

async function handleTask(
  client: RuntimeClient,
  task: JsonObject,
  options: StdioWorkerOptions,
  events: StdioWorkerEvents,
  result: StdioWorkerResult,
  now: () => number,
): Promise<void> {
  const started = now();
  const taskId = String(task['taskId'] ?? '');
  events.taskStarted?.(task);
  const outcome = await runWorkerCommand(task, {
    command: options.command,
    args: options.args,
    env: options.env,
    ...(options.domain ? { domain: options.domain } : {}),
    ...(options.execTimeoutSeconds ? { timeoutSeconds: options.execTimeoutSeconds } : {}),
    ...(events.output ? { onOutput: (stream, text) => events.output?.(taskId, stream, text) } : {}),
  });
  const taskResult = buildTaskResult(task, outcome, { now: now(), ...(options.workerId ? { workerId: options.workerId } : {}) });
  result.processed++;
  if (taskResult.status.startsWith('FAILED')) result.failed++;
  try {
    await postTaskResult(client, taskResult);
  } catch (error) {
    result.updateErrors++;
    events.updateFailed?.(taskId, error);
  }
  events.taskFinished?.({
    taskId,
    workflowId: taskResult.workflowInstanceId,
    status: taskResult.status,
    ...(taskResult.reasonForIncompletion ? { reason: taskResult.reasonForIncompletion } : {}),
    durationMs: now() - started,
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
