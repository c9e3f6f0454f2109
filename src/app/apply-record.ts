/**
 * After an apply, brings the server-side ownership record (ownership.ts) up to date for task
 * defs: every task def written or found equal to the repo is recorded with the fingerprint of
 * its content, every deleted one is removed, failed ones keep their old entry. The record is
 * re-read just before writing to keep entries another apply wrote meanwhile, and is written
 * only when it changed.
 */
import type { HttpClient } from '../conductor/http.js';
import { fetchWorkflowDef, putWorkflowDefs } from '../conductor/metadata-api.js';
import { fingerprintContent } from '../core/plan-content.js';
import type { Change } from '../core/plan-types.js';
import type { ExecutionReport } from './apply-execute.js';
import { buildStateWorkflow, isSameRecord, readRecord, STATE_WORKFLOW_NAME, STATE_WORKFLOW_VERSION, type OwnershipRecord } from './ownership.js';

/** The record after this apply (pure). */
export function computeRecord(base: OwnershipRecord, noOps: readonly Change[], report: ExecutionReport): OwnershipRecord {
  const taskDefs = { ...base.taskDefs };
  const record = (change: Change) => {
    if (change.key.kind === 'taskDef' && change.after) taskDefs[change.key.name] = fingerprintContent('taskDef', change.after);
  };
  noOps.forEach(record);
  for (const change of report.applied) {
    if (change.key.kind !== 'taskDef') continue;
    if (change.action === 'delete') delete taskDefs[change.key.name];
    else record(change);
  }
  return { formatVersion: 1, taskDefs };
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
): Promise<boolean> {
  if (isSameRecord(known, computeRecord(known, noOps, report))) return false;
  const current = readRecord(await fetchWorkflowDef(http, STATE_WORKFLOW_NAME, STATE_WORKFLOW_VERSION));
  const next = computeRecord(current, noOps, report);
  if (isSameRecord(current, next)) return false;
  const { errors } = await putWorkflowDefs(http, [buildStateWorkflow(next)]);
  const error = errors.get(STATE_WORKFLOW_NAME);
  if (error !== undefined) throw new Error(`the server rejected the ownership record: ${error}`);
  return true;
}
