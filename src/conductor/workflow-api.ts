/**
 * Execution endpoints of `/api/workflow` (conductor-api.md §3.2): start, start-and-wait,
 * read, status and search. Operator actions are in workflow-api-ops.ts, bulk ones in
 * workflow-api-bulk.ts. Bodies stay JsonObject: the CLI prints what the server sent.
 */
import type { JsonObject } from '../core/model.js';
import { ConductorApiError } from '../errors.js';
import type { HttpClient } from './http.js';
import { isObject } from './metadata-api.js';
import { readTextAnswer } from './response-body.js';
import { segment } from './url.js';

export interface StartWorkflowCall {
  name: string;
  /** Omitted or 0: the latest version. */
  version?: number;
  correlationId?: string;
  input: JsonObject;
}

/** POST /workflow/{name}?version=&correlationId= with the input as body; returns the new id. Not retried. */
export async function postStartWorkflow(http: HttpClient, call: StartWorkflowCall): Promise<string> {
  const { body } = await http.request('POST', `/workflow/${segment(call.name)}`, {
    query: { version: call.version || undefined, correlationId: call.correlationId },
    body: call.input,
  });
  return readTextAnswer(body);
}

export interface ExecuteWorkflowCall extends StartWorkflowCall {
  requestId: string;
  /** Task reference names; the call returns when one of them is terminal. */
  waitUntilTaskRef?: string[];
  waitForSeconds?: number;
}

/**
 * POST /workflow/execute/{name}/{version} (version 0 = latest): starts and waits until the
 * workflow ends, a WAIT task blocks, a `waitUntilTaskRef` task is terminal or
 * `waitForSeconds` pass. Returns the SignalResponse/WorkflowRun JSON (§4.9).
 */
export async function postExecuteWorkflow(http: HttpClient, call: ExecuteWorkflowCall): Promise<JsonObject> {
  const refs = call.waitUntilTaskRef?.filter((r) => r !== '') ?? [];
  const { body } = await http.request('POST', `/workflow/execute/${segment(call.name)}/${segment(call.version ?? 0)}`, {
    query: {
      requestId: call.requestId,
      waitUntilTaskRef: refs.length > 0 ? refs.join(',') : undefined,
      waitForSeconds: call.waitForSeconds,
    },
    ...waitTimeout(call.waitForSeconds ?? DEFAULT_WAIT_SECONDS),
    body: {
      name: call.name,
      ...(call.version ? { version: call.version } : {}),
      ...(call.correlationId !== undefined ? { correlationId: call.correlationId } : {}),
      input: call.input,
    },
  });
  return expectObject(http, 'POST', `/workflow/execute/${call.name}`, body);
}

/** GET /workflow/{id}?includeTasks=. A missing execution is a 404 ConductorApiError. */
export async function fetchExecution(http: HttpClient, workflowId: string, includeTasks: boolean): Promise<JsonObject> {
  const path = `/workflow/${segment(workflowId)}`;
  const { body } = await http.request('GET', path, { query: { includeTasks } });
  return expectObject(http, 'GET', path, body);
}

/**
 * GET /workflow/{id}/status?includeOutput=true&includeVariables=true; servers before
 * v3.31.2 answer 404 for the route itself, so a 404 falls back to GET /workflow/{id}
 * without tasks, as the official CLI does. A missing execution is then a 404 from that call.
 */
export async function fetchExecutionStatus(http: HttpClient, workflowId: string): Promise<JsonObject> {
  const path = `/workflow/${segment(workflowId)}/status`;
  try {
    const { body } = await http.request('GET', path, { query: { includeOutput: true, includeVariables: true } });
    return expectObject(http, 'GET', path, body);
  } catch (error) {
    if (!(error instanceof ConductorApiError && error.status === 404)) throw error;
    return fetchExecution(http, workflowId, false);
  }
}

export interface SearchCall {
  query?: string;
  freeText?: string;
  start?: number;
  size: number;
  sort?: string;
}

export interface SearchAnswer {
  totalHits: number;
  results: JsonObject[];
}

/** GET /workflow/search: WorkflowSummary results (§4.8, times as ISO strings). */
export async function fetchWorkflowSearch(http: HttpClient, call: SearchCall): Promise<SearchAnswer> {
  const { body } = await http.request('GET', '/workflow/search', {
    query: {
      start: call.start ?? 0,
      size: call.size,
      freeText: call.freeText ?? '*',
      sort: call.sort,
      query: call.query || undefined,
    },
  });
  const results = isObject(body) && Array.isArray(body['results']) ? body['results'].filter(isObject) : [];
  const totalHits = isObject(body) && typeof body['totalHits'] === 'number' ? body['totalHits'] : results.length;
  return { totalHits, results };
}

/** The server's own wait when `waitForSeconds` is not given (conductor-api.md §3.2). */
const DEFAULT_WAIT_SECONDS = 10;

/** Room for a call the server holds up to `seconds`: that long plus a margin for the answer. */
export function waitTimeout(seconds: number | undefined): { minTimeoutMs?: number } {
  return seconds === undefined ? {} : { minTimeoutMs: (seconds + 15) * 1000 };
}

export function expectObject(http: HttpClient, method: string, path: string, body: unknown): JsonObject {
  if (isObject(body)) return body;
  const url = `${http.baseUrl}${path}`;
  throw new ConductorApiError(`${method} ${url}: expected a JSON object — is this a Conductor server?`, { method, url }, { code: 'API_UNEXPECTED_ANSWER' });
}
