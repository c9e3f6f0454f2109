/**
 * The definition deletes that metadata-api.ts (the reconciler's) makes converging: here a
 * missing definition stays a 404, for the runtime commands. conductor-api.md §3.1.
 */
import type { HttpClient } from './http.js';

/** DELETE /metadata/taskdefs/{name}; a missing def is a 404 ConductorApiError (unlike metadata-api's converging delete). */
export async function deleteExistingTaskDef(http: HttpClient, name: string): Promise<void> {
  await http.request('DELETE', `/metadata/taskdefs/${encodeURIComponent(name)}`);
}

/** DELETE /metadata/workflow/{name}/{version}; a missing version is a 404 ConductorApiError. */
export async function deleteExistingWorkflowDef(http: HttpClient, name: string, version: number): Promise<void> {
  await http.request('DELETE', `/metadata/workflow/${encodeURIComponent(name)}/${version}`);
}
