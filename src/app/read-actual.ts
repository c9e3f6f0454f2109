/**
 * Reads the actual State of a server for planning: the bulk lists (conductor/remote-state),
 * minus this tool's bookkeeping. The state workflow is taken out (it is not a definition of
 * the repo), and each workflow's applied fingerprint is lifted out of its metadata, so both
 * reach the planner as `ownedTaskDefs` / `lastApplied` instead of as content.
 */
import type { HttpClient } from '../conductor/http.js';
import { readRemoteState } from '../conductor/remote-state.js';
import { keyId, type JsonObject, type State } from '../core/model.js';
import { isStateWorkflow, liftFingerprint, readRecord, type OwnershipRecord } from './ownership.js';

export interface ActualState {
  state: State;
  /** Key id → content fingerprint last applied by this tool. */
  lastApplied: Map<string, string>;
  ownedTaskDefs: Set<string>;
  record: OwnershipRecord;
  /** The state workflow as read (undefined when this server has none yet). */
  recordBody?: JsonObject;
}

export async function readActual(http: HttpClient, signal?: AbortSignal): Promise<ActualState> {
  return splitBookkeeping(await readRemoteState(http, signal));
}

/** Pure part of readActual (exported for tests). */
export function splitBookkeeping(remote: State): ActualState {
  const state: State = new Map();
  const lastApplied = new Map<string, string>();
  let recordBody: JsonObject | undefined;
  for (const [id, resource] of remote) {
    if (resource.key.kind === 'workflowDef' && isStateWorkflow(resource.body)) {
      recordBody = resource.body;
      continue;
    }
    if (resource.key.kind !== 'workflowDef') {
      state.set(id, resource);
      continue;
    }
    const { body, fingerprint } = liftFingerprint(resource.body);
    state.set(id, { ...resource, body });
    if (fingerprint !== undefined) lastApplied.set(id, fingerprint);
  }
  const record = readRecord(recordBody);
  for (const [name, fingerprint] of Object.entries(record.taskDefs)) {
    const id = keyId({ kind: 'taskDef', name });
    if (state.has(id)) lastApplied.set(id, fingerprint);
  }
  const ownedTaskDefs = new Set(Object.keys(record.taskDefs));
  return { state, lastApplied, ownedTaskDefs, record, ...(recordBody ? { recordBody } : {}) };
}
