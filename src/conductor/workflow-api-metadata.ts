/**
 * The definition calls that metadata-api.ts (the reconciler's) does not make: register one
 * workflow def without overwriting (POST, 409 on an existing name+version) and update one
 * task def (PUT, 404 when absent). conductor-api.md §3.1.
 */
import type { JsonObject } from '../core/model.js';
import type { HttpClient } from './http.js';

/** POST /metadata/workflow?overwrite=false. Not retried: a second try would 409. */
export async function postWorkflowDef(http: HttpClient, def: JsonObject): Promise<void> {
  await http.request('POST', '/metadata/workflow', { query: { overwrite: false }, body: def });
}

/** PUT /metadata/taskdefs with one object. */
export async function putTaskDef(http: HttpClient, def: JsonObject): Promise<void> {
  await http.request('PUT', '/metadata/taskdefs', { body: def });
}

/** DELETE /metadata/taskdefs/{name}; a missing def is a 404 ConductorApiError (unlike metadata-api's converging delete). */
export async function deleteExistingTaskDef(http: HttpClient, name: string): Promise<void> {
  await http.request('DELETE', `/metadata/taskdefs/${encodeURIComponent(name)}`);
}

/** DELETE /metadata/workflow/{name}/{version}; a missing version is a 404 ConductorApiError. */
export async function deleteExistingWorkflowDef(http: HttpClient, name: string, version: number): Promise<void> {
  await http.request('DELETE', `/metadata/workflow/${encodeURIComponent(name)}/${version}`);
}
