/**
 * After an apply, brings the server-side ownership record (ownership.ts) up to date for task
 * defs: every task def written or found equal to the repo is recorded with the fingerprint of
 * its content, every deleted one is removed, failed ones keep their old entry. The record is
 * re-read just before writing to keep entries another apply wrote meanwhile, and is written
 * only when it changed.
 */
import type { HttpClient } from '../conductor/http.js';
import { fetchWorkflowDef, putWorkflowDefs } from '../conductor/metadata-api.js';
import type { JsonObject } from '../core/model.js';
import { fingerprintNormalizedContent } from '../core/plan-content.js';
import type { Change } from '../core/plan-types.js';
import type { ExecutionReport } from './apply-execute.js';
import { buildStateWorkflow, isSameRecord, readRecord, STATE_WORKFLOW_NAME, STATE_WORKFLOW_VERSION, type OwnershipRecord } from './ownership.js';

/** The record after this apply (pure). */
export function computeRecord(
  base: OwnershipRecord,
  noOps: readonly Change[],
  report: ExecutionReport,
  fingerprintOf: (change: Change & { after: JsonObject }) => string = (change) => fingerprintNormalizedContent('taskDef', change.after),
): OwnershipRecord {
  const taskDefs = { ...base.taskDefs };
  const record = (change: Change) => {
    // `after` is normalized (the planner's output): no second normalization needed.
    if (change.key.kind === 'taskDef' && change.after) taskDefs[change.key.name] = fingerprintOf(change as Change & { after: JsonObject });
  };
  noOps.forEach(record);
  for (const change of report.applied) {
    if (change.key.kind !== 'taskDef') continue;
    if (change.action === 'delete') delete taskDefs[change.key.name];
    else record(change);
  }
  return { formatVersion: 1, taskDefs };
}

/** The fingerprints computeRecord would need for these changes, into `into` (for writeRecord, ahead of time). */
export function computeRecordFingerprints(changes: readonly Change[], into: Map<Change, string>): void {
  for (const change of changes) {
    if (change.key.kind === 'taskDef' && change.action !== 'delete' && change.after && !into.has(change)) {
      into.set(change, fingerprintNormalizedContent('taskDef', change.after));
    }
  }
}

/**
 * Writes the record when this apply changes it. `known` is the record read with the plan:
 * when nothing changes relative to it, no request is made at all. Returns whether it wrote.
 */
export async function writeRecord(
  http: HttpClient,
  known: OwnershipRecord,
  noOps: readonly Change[],
  report: ExecutionReport,
  fingerprints = new Map<Change, string>(),
): Promise<boolean> {
  // Each fingerprint is computed once, though the record may be computed twice (or ahead: computeRecordFingerprints).
  const fingerprintOf = (change: Change & { after: JsonObject }) => {
    let fingerprint = fingerprints.get(change);
    if (fingerprint === undefined) fingerprints.set(change, (fingerprint = fingerprintNormalizedContent('taskDef', change.after)));
    return fingerprint;
  };
  if (isSameRecord(known, computeRecord(known, noOps, report, fingerprintOf))) return false;
  const current = readRecord(await fetchWorkflowDef(http, STATE_WORKFLOW_NAME, STATE_WORKFLOW_VERSION));
  const next = computeRecord(current, noOps, report, fingerprintOf);
  if (isSameRecord(current, next)) return false;
  const { errors } = await putWorkflowDefs(http, [buildStateWorkflow(next)]);
  const error = errors.get(STATE_WORKFLOW_NAME);
  if (error !== undefined) throw new Error(`the server rejected the ownership record: ${error}`);
  return true;
}
