/**
 * The record of what this tool applied, kept ON THE SERVER so that every machine sees it
 * (CI runners start empty; a file in the repo or on disk would be stale or missing there).
 *
 * - Workflow defs: ownership is core's marker, `metadata["conductor-gitops/managed"]`; next
 *   to it apply writes `metadata["conductor-gitops/fingerprint"]`, the content fingerprint
 *   (core fingerprintContent) of the body it sent. read-actual.ts lifts the fingerprint out
 *   of the body before planning, so it is bookkeeping, never a diff.
 * - Task defs have no field that is both round-tripped by every server and free of runtime
 *   meaning. Considered and rejected: a description suffix (visible, user-editable, ugly);
 *   `inputTemplate` keys (merged into every task's input at run time); Orkes tags (not on
 *   OSS); `runtimeMetadata` (v3.31.2+ only); `ownerApp`/`createdBy` (server-managed, Orkes
 *   overwrites them). Chosen: one small workflow def, STATE_WORKFLOW_NAME version 1, whose
 *   `metadata["conductor-gitops/state"]` maps task-def names to the fingerprint last applied.
 *   It works on OSS and Orkes, costs no extra request (it comes with the bulk workflow list),
 *   and never runs (a single SET_VARIABLE task, restartable false).
 *   Trade-offs: it is visible in the UI as a workflow (its description says what it is); two
 *   applies racing on one server may drop each other's entries (read-modify-write). A lost
 *   entry only means "not owned, no drift record": prune then leaves the task def alone, the
 *   safe direction, and the next apply writes it again (every apply records every task def
 *   of the repo that matches the server).
 */
import type { JsonObject } from '../core/model.js';
import { isPlainObject } from '../core/normalize-json.js';

export const STATE_WORKFLOW_NAME = 'conductor_gitops_state';
export const STATE_WORKFLOW_VERSION = 1;
export const FINGERPRINT_KEY = 'conductor-gitops/fingerprint';
export const STATE_KEY = 'conductor-gitops/state';

/** What the state workflow holds. */
export interface OwnershipRecord {
  formatVersion: 1;
  /** Task-def name → fingerprintContent of what was last applied. */
  taskDefs: Record<string, string>;
}

export function emptyRecord(): OwnershipRecord {
  return { formatVersion: 1, taskDefs: {} };
}

export function isStateWorkflow(body: JsonObject): boolean {
  return body['name'] === STATE_WORKFLOW_NAME;
}

/** The record inside the state workflow's body; tolerant of hand edits (bad entries ignored). */
export function readRecord(body: JsonObject | undefined): OwnershipRecord {
  const record = emptyRecord();
  const metadata = body?.['metadata'];
  const stored = isPlainObject(metadata) ? metadata[STATE_KEY] : undefined;
  const taskDefs = isPlainObject(stored) ? stored['taskDefs'] : undefined;
  if (!isPlainObject(taskDefs)) return record;
  for (const [name, fingerprint] of Object.entries(taskDefs)) {
    if (typeof fingerprint === 'string') record.taskDefs[name] = fingerprint;
  }
  return record;
}

/** The state workflow def carrying `record`, ready for PUT /metadata/workflow. */
export function buildStateWorkflow(record: OwnershipRecord): JsonObject {
  const taskDefs = Object.fromEntries(Object.entries(record.taskDefs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    name: STATE_WORKFLOW_NAME,
    version: STATE_WORKFLOW_VERSION,
    description:
      'Bookkeeping of conductor-gitops: the task definitions it applied and a fingerprint of what it applied, for prune and drift detection. Not meant to run; do not edit or delete.',
    restartable: false,
    tasks: [{ name: 'conductor_gitops_state_noop', taskReferenceName: 'noop', type: 'SET_VARIABLE', inputParameters: {} }],
    metadata: { [STATE_KEY]: { formatVersion: 1, taskDefs } },
  };
}

/** Splits a workflow body into the body without the fingerprint and the fingerprint itself. */
export function liftFingerprint(body: JsonObject): { body: JsonObject; fingerprint?: string } {
  const metadata = body['metadata'];
  if (!isPlainObject(metadata) || !(FINGERPRINT_KEY in metadata)) return { body };
  const { [FINGERPRINT_KEY]: fingerprint, ...rest } = metadata;
  const lifted = { ...body, metadata: rest };
  return typeof fingerprint === 'string' ? { body: lifted, fingerprint } : { body: lifted };
}

/** A copy of a workflow body with the fingerprint beside the ownership marker. */
export function withFingerprint(body: JsonObject, fingerprint: string): JsonObject {
  const metadata = isPlainObject(body['metadata']) ? body['metadata'] : {};
  return { ...body, metadata: { ...metadata, [FINGERPRINT_KEY]: fingerprint } };
}

/** Whether two records hold the same entries (so an unchanged record is not written again). */
export function isSameRecord(a: OwnershipRecord, b: OwnershipRecord): boolean {
  const keys = new Set([...Object.keys(a.taskDefs), ...Object.keys(b.taskDefs)]);
  for (const key of keys) if (a.taskDefs[key] !== b.taskDefs[key]) return false;
  return true;
}
