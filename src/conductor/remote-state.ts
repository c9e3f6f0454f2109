/**
 * Reads the actual State from a server with the bulk list endpoints: all task defs and all
 * workflow def versions, two requests in parallel whatever the number of definitions
 * (issue 4: never one GET per definition). Bodies are kept exactly as the server sent them;
 * core/normalize decides what matters.
 */
import { buildState, type JsonObject, type Resource, type State } from '../core/model.js';
import { fetchExecutionCounts, type ExecutionCounts } from './executions-api.js';
import type { HttpClient } from './http.js';
import { fetchTaskDefs, fetchWorkflowDefs } from './metadata-api.js';
import { ConductorApiError } from '../errors.js';

/** Task defs and every workflow def version on the server, as one State. `signal` cancels the reads. */
export async function readRemoteState(http: HttpClient, signal?: AbortSignal): Promise<State> {
  const [taskDefs, workflowDefs] = await Promise.all([fetchTaskDefs(http, signal), fetchWorkflowDefs(http, signal)]);
  return buildState([...taskDefs.flatMap(toTaskResource), ...workflowDefs.flatMap(toWorkflowResource)]);
}

function toTaskResource(body: JsonObject): Resource[] {
  const name = body['name'];
  return typeof name === 'string' && name !== '' ? [{ key: { kind: 'taskDef', name }, body }] : [];
}

function toWorkflowResource(body: JsonObject): Resource[] {
  const name = body['name'];
  if (typeof name !== 'string' || name === '') return [];
  // `version` is a primitive int on the server: absent means 1 (conductor-api.md §3.1).
  const version = typeof body['version'] === 'number' ? body['version'] : 1;
  return [{ key: { kind: 'workflowDef', name, version }, body }];
}

/**
 * RUNNING/PAUSED execution counts for these workflow names, or undefined when the server
 * cannot search (no index, an old or restricted server): the plan then says "unknown"
 * instead of failing, and `onWarning` says why. Connection failures still throw.
 */
export async function readExecutionCounts(
  http: HttpClient,
  names: readonly string[],
  onWarning: (message: string) => void,
): Promise<ExecutionCounts | undefined> {
  if (names.length === 0) return { byVersion: new Map(), unknownNames: [] };
  try {
    const counts = await fetchExecutionCounts(http, names);
    if (counts.unknownNames.length > 0) {
      onWarning(`could not count running executions of: ${counts.unknownNames.join(', ')}`);
    }
    return counts;
  } catch (error) {
    if (!(error instanceof ConductorApiError) || error.status === undefined) throw error;
    onWarning(`execution search is unavailable on this server (${error.status}): running executions are not counted`);
    return undefined;
  }
}
