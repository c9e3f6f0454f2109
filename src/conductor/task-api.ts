/**
 * Task endpoints (conductor-api.md §3.4): batch poll, task result updates, by-ref update,
 * task logs. POST /tasks is treated as idempotent: the same TaskResult posted twice
 * leaves the task in the same state, so a lost answer may be retried.
 */
import type { JsonObject } from '../core/model.js';
import type { HttpClient } from './http.js';
import { isObject } from './metadata-api.js';
import { readTextAnswer } from './response-body.js';
import { segment } from './url.js';

export interface PollCall {
  count: number;
  workerId?: string;
  domain?: string;
  /** Long-poll wait in ms (server max 5000). */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** GET /tasks/poll/batch/{type}; `[]` when nothing is queued (204 on older servers). */
export async function pollTaskBatch(http: HttpClient, taskType: string, call: PollCall): Promise<JsonObject[]> {
  const { body } = await http.request('GET', `/tasks/poll/batch/${segment(taskType)}`, {
    query: { count: call.count, workerid: call.workerId, domain: call.domain, timeout: call.timeoutMs },
    ...(call.signal ? { signal: call.signal } : {}),
  });
  return Array.isArray(body) ? body.filter(isObject) : [];
}

export interface TaskResultBody {
  taskId: string;
  workflowInstanceId: string;
  status: string;
  outputData?: JsonObject;
  reasonForIncompletion?: string;
  workerId?: string;
  logs?: { log: string; createdTime: number }[];
}

/** POST /tasks with a TaskResult; returns the task id. */
export async function postTaskResult(http: HttpClient, result: TaskResultBody): Promise<string> {
  const { body } = await http.request('POST', '/tasks', { body: result, idempotent: true });
  return readTextAnswer(body);
}

/**
 * POST /tasks/{wf}/{ref}/{status}[?workerid=], the output as body. Returns the task id,
 * or '' when the execution has no pending task with that ref.
 */
export async function postTaskByRef(
  http: HttpClient,
  workflowId: string,
  taskRefName: string,
  status: string,
  output: JsonObject,
  workerId?: string,
): Promise<string> {
  const { body } = await http.request('POST', `/tasks/${segment(workflowId)}/${segment(taskRefName)}/${segment(status)}`, {
    query: { workerid: workerId },
    body: output,
  });
  return readTextAnswer(body);
}
