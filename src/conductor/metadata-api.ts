/**
 * Typed calls for the metadata endpoints this tool uses (conductor-api.md §3.1). Bodies stay
 * `JsonObject`: normalization and diffing happen in core, and unknown fields must survive a
 * round trip untouched.
 */
import type { JsonObject } from '../core/model.js';
import { isPlainObject as isObject } from '../core/normalize-json.js';
import { ConductorApiError } from '../errors.js';
import { JsonText, type HttpClient } from './http.js';
import { displayUrl, segment } from './url.js';

/** GET /metadata/taskdefs: every task def, in no particular order. */
export async function fetchTaskDefs(http: HttpClient, signal?: AbortSignal): Promise<JsonObject[]> {
  return readObjectArray(http, '/metadata/taskdefs', signal);
}

/** GET /metadata/workflow: every version of every workflow def. */
export async function fetchWorkflowDefs(http: HttpClient, signal?: AbortSignal): Promise<JsonObject[]> {
  return readObjectArray(http, '/metadata/workflow', signal);
}

/** GET /metadata/workflow/{name}?version=; undefined when absent (404). */
export async function fetchWorkflowDef(http: HttpClient, name: string, version?: number): Promise<JsonObject | undefined> {
  return readOptionalObject(http, `/metadata/workflow/${segment(name)}`, version === undefined ? {} : { version });
}

/** GET /metadata/taskdefs/{name}; undefined when absent (404). */
export async function fetchTaskDef(http: HttpClient, name: string): Promise<JsonObject | undefined> {
  return readOptionalObject(http, `/metadata/taskdefs/${segment(name)}`, {});
}

/**
 * POST /metadata/taskdefs with an array: an upsert (never 409), so it is idempotent and
 * retried. It resets createTime on the server, which normalization ignores.
 */
export async function putTaskDefs(http: HttpClient, defs: JsonObject[]): Promise<void> {
  if (defs.length === 0) return;
  await http.request('POST', '/metadata/taskdefs', { body: defs, idempotent: true });
}

/** PUT /metadata/taskdefs with one object: update an existing task def (404 when absent). */
export async function updateTaskDef(http: HttpClient, def: JsonObject): Promise<void> {
  await http.request('PUT', '/metadata/taskdefs', { body: def });
}

/**
 * POST /metadata/workflow: register one new name+version. Not idempotent, so not retried
 * after a lost answer: a second try answers 409 `Workflow with <name>.<version> already
 * exists!`. `overwrite` (v3.31.2+; ignored by older servers) makes it behave like PUT.
 * Apply uses putWorkflowDefs instead; this is for callers that must not replace a version.
 */
export async function createWorkflowDef(http: HttpClient, def: JsonObject, options: { overwrite?: boolean } = {}): Promise<void> {
  await http.request('POST', '/metadata/workflow', { body: def, query: { overwrite: options.overwrite } });
}

/** Per-item outcome of PUT /metadata/workflow (BulkResponse). */
export interface BulkPutResult {
  /** Item errors by workflow name, from `bulkErrorResults`. */
  errors: Map<string, string>;
}

/**
 * PUT /metadata/workflow with an array: create-or-replace each name+version, never 409.
 * Idempotent, so a retry after a lost answer is harmless. Validation failures reject the
 * whole request (400, nothing stored); other per-item failures come back in `errors`.
 */
export async function putWorkflowDefs(http: HttpClient, defs: JsonObject[]): Promise<BulkPutResult> {
  if (defs.length === 0) return { errors: new Map() };
  return readBulkPutResult((await http.request('PUT', '/metadata/workflow', { body: defs })).body);
}

/** putTaskDefs of defs already serialized (each item one JSON object text). */
export async function putTaskDefsJson(http: HttpClient, items: readonly string[]): Promise<void> {
  if (items.length === 0) return;
  await http.request('POST', '/metadata/taskdefs', { body: new JsonText(`[${items.join(',')}]`), idempotent: true });
}

/** putWorkflowDefs of defs already serialized (each item one JSON object text). */
export async function putWorkflowDefsJson(http: HttpClient, items: readonly string[]): Promise<BulkPutResult> {
  if (items.length === 0) return { errors: new Map() };
  return readBulkPutResult((await http.request('PUT', '/metadata/workflow', { body: new JsonText(`[${items.join(',')}]`) })).body);
}

function readBulkPutResult(body: unknown): BulkPutResult {
  const errors = new Map<string, string>();
  const bulkErrors = isObject(body) ? body['bulkErrorResults'] : undefined;
  if (isObject(bulkErrors)) {
    for (const [name, message] of Object.entries(bulkErrors)) errors.set(name, String(message));
  }
  return { errors };
}

/** DELETE /metadata/workflow/{name}/{version}. Already absent (404) counts as done, so a retry converges. */
export async function deleteWorkflowDef(http: HttpClient, name: string, version: number): Promise<void> {
  await deleteIgnoringMissing(http, `/metadata/workflow/${segment(name)}/${segment(version)}`);
}

/** DELETE /metadata/taskdefs/{name}. Already absent (404) counts as done. */
export async function deleteTaskDef(http: HttpClient, name: string): Promise<void> {
  await deleteIgnoringMissing(http, `/metadata/taskdefs/${segment(name)}`);
}

async function deleteIgnoringMissing(http: HttpClient, path: string): Promise<void> {
  try {
    await http.request('DELETE', path);
  } catch (error) {
    if (!(error instanceof ConductorApiError && error.status === 404)) throw error;
  }
}

async function readObjectArray(http: HttpClient, path: string, signal?: AbortSignal): Promise<JsonObject[]> {
  const { body } = await http.request('GET', path, signal ? { signal } : {});
  if (body === undefined) return [];
  if (!Array.isArray(body) || !body.every(isObject)) {
    throw unexpectedAnswer(http, path, 'a JSON array of objects');
  }
  return body;
}

async function readOptionalObject(
  http: HttpClient,
  path: string,
  query: Record<string, number>,
): Promise<JsonObject | undefined> {
  try {
    const { body } = await http.request('GET', path, { query });
    if (!isObject(body)) throw unexpectedAnswer(http, path, 'a JSON object');
    return body;
  } catch (error) {
    if (error instanceof ConductorApiError && error.status === 404) return undefined;
    throw error;
  }
}

function unexpectedAnswer(http: HttpClient, path: string, expected: string): ConductorApiError {
  const url = displayUrl(`${http.baseUrl}${path}`);
  return new ConductorApiError(
    `GET ${url}: expected ${expected} — is this a Conductor server?`,
    { method: 'GET', url },
    { code: 'API_UNEXPECTED_ANSWER' },
  );
}

export { isObject };
