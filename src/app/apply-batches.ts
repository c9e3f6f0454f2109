/**
 * Sending one level's changes in as few requests as the API allows:
 * - task-def creates/updates: `POST /metadata/taskdefs` with an array (an upsert, safe to
 *   retry), up to TASK_BATCH per request;
 * - workflow creates/updates: `PUT /metadata/workflow` with an array (create-or-replace per
 *   name+version, never 409, safe to retry), up to WORKFLOW_BATCH per request;
 * - deletes: one request each (the API has no bulk delete for definitions).
 * Every request is idempotent, so a re-run after a crash or a lost answer converges and
 * never registers a version twice. A batch that fails validation (400: nothing was stored) is
 * split in halves until the bad definitions are isolated, so one broken definition does not
 * fail its neighbours; any other failure fails the whole batch.
 */
import type { HttpClient } from '../conductor/http.js';
import { deleteTaskDef, deleteWorkflowDef, putTaskDefsJson, putWorkflowDefsJson } from '../conductor/metadata-api.js';
import type { JsonObject } from '../core/model.js';
import { fingerprintNormalizedContent } from '../core/plan-content.js';
import type { Change } from '../core/plan-types.js';
import { ConductorApiError, InternalError } from '../errors.js';
import { withFingerprint } from './ownership.js';

// Each request costs the server a transaction and the client a round trip: bigger batches
// write 2,000 definitions about twice as fast as 100/50 did (bench/plan-apply.mjs); the byte
// limit below still keeps every request small. 250 workflows per request: 1,000 changes of a
// level make 4 requests, one per concurrent slot at the default parallelism of 4.
export const TASK_BATCH = 250;
export const WORKFLOW_BATCH = 250;
/** Keep request bodies well under common proxy limits (1 MiB). */
const MAX_BATCH_BYTES = 512 * 1024;

export type BatchKind = 'taskDefs' | 'workflowDefs' | 'delete';

export interface Batch {
  kind: BatchKind;
  changes: Change[];
  /** Writes: each change's send body (buildSendBody) as JSON text, serialized once to size the batch and sent as is. */
  bodies?: string[];
}

/** Per change: undefined when applied, else the error. */
export type BatchOutcome = Map<Change, Error | undefined>;

/** Splits a level into batches (deterministic: the level is already sorted). `bodies`: send bodies serialized ahead (serializeSendBodies). */
export function buildBatches(level: readonly Change[], bodies?: ReadonlyMap<Change, string>): Batch[] {
  const writes = (kind: 'taskDef' | 'workflowDef') =>
    level.filter((change) => change.key.kind === kind && (change.action === 'create' || change.action === 'update'));
  return [
    ...chunk(writes('taskDef'), TASK_BATCH, 'taskDefs', bodies),
    ...chunk(writes('workflowDef'), WORKFLOW_BATCH, 'workflowDefs', bodies),
    ...level.filter((change) => change.action === 'delete').map((change) => ({ kind: 'delete' as const, changes: [change] })),
  ];
}

export async function sendBatch(http: HttpClient, batch: Batch): Promise<BatchOutcome> {
  if (batch.kind === 'delete') return sendDelete(http, batch.changes[0]!);
  try {
    const itemErrors = await sendWrites(http, batch);
    return new Map(batch.changes.map((change) => [change, itemErrors.get(change)]));
  } catch (error) {
    const asError = error instanceof Error ? error : new Error(String(error));
    if (batch.changes.length > 1 && isRejectedAsInvalid(error)) return bisect(http, batch);
    return new Map(batch.changes.map((change) => [change, asError]));
  }
}

/** The body sent for a change: its normalized `after`, workflows with the applied fingerprint. */
export function buildSendBody(change: Change): JsonObject {
  if (!change.after) throw new InternalError(`${change.action} of ${change.key.name} has no body`);
  // `after` is normalized (the planner's output), so its fingerprint needs no second normalization.
  return change.key.kind === 'workflowDef' ? withFingerprint(change.after, fingerprintNormalizedContent('workflowDef', change.after)) : change.after;
}

/** buildSendBody as the JSON text that is sent. */
export function serializeSendBody(change: Change): string {
  return JSON.stringify(buildSendBody(change));
}

/**
 * Serializes the send bodies of `changes` (creates and updates) into `into`, yielding to the
 * event loop every `slice` changes: run while requests are in flight, so the next level's
 * bodies are ready when it starts and answers are still handled as they arrive.
 */
export async function serializeSendBodies(changes: readonly Change[], into: Map<Change, string>, slice = 100): Promise<void> {
  let count = 0;
  for (const change of changes) {
    if ((change.action !== 'create' && change.action !== 'update') || into.has(change)) continue;
    if (count++ % slice === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    into.set(change, serializeSendBody(change));
  }
}

async function sendWrites(http: HttpClient, batch: Batch): Promise<Map<Change, Error>> {
  const bodies = batch.bodies ?? batch.changes.map(serializeSendBody);
  if (batch.kind === 'taskDefs') {
    await putTaskDefsJson(http, bodies);
    return new Map();
  }
  const { errors } = await putWorkflowDefsJson(http, bodies);
  const failed = new Map<Change, Error>();
  for (const change of batch.changes) {
    const message = errors.get(change.key.name);
    if (message !== undefined) failed.set(change, new Error(`the server rejected ${change.key.name}: ${message}`));
  }
  return failed;
}

async function bisect(http: HttpClient, batch: Batch): Promise<BatchOutcome> {
  const middle = Math.ceil(batch.changes.length / 2);
  const half = (start: number, end?: number): Batch => ({
    kind: batch.kind,
    changes: batch.changes.slice(start, end),
    ...(batch.bodies ? { bodies: batch.bodies.slice(start, end) } : {}),
  });
  const outcomes = await Promise.all([half(0, middle), half(middle)].map((part) => sendBatch(http, part)));
  return new Map(outcomes.flatMap((outcome) => [...outcome]));
}

async function sendDelete(http: HttpClient, change: Change): Promise<BatchOutcome> {
  try {
    if (change.key.kind === 'taskDef') await deleteTaskDef(http, change.key.name);
    else await deleteWorkflowDef(http, change.key.name, change.key.version ?? 1);
    return new Map([[change, undefined]]);
  } catch (error) {
    return new Map([[change, error instanceof Error ? error : new Error(String(error))]]);
  }
}

/** 400 (validation: nothing stored) or 413 (too large): smaller requests can succeed. */
function isRejectedAsInvalid(error: unknown): boolean {
  return error instanceof ConductorApiError && (error.status === 400 || error.status === 413);
}

/** Batches of at most `size` changes and about MAX_BATCH_BYTES; each body is serialized here, once. */
function chunk(changes: Change[], size: number, kind: 'taskDefs' | 'workflowDefs', bodies: ReadonlyMap<Change, string> | undefined): Batch[] {
  const batches: Batch[] = [];
  let current: Batch = { kind, changes: [], bodies: [] };
  let bytes = 0;
  for (const change of changes) {
    const body = bodies?.get(change) ?? serializeSendBody(change);
    if (current.changes.length > 0 && (current.changes.length >= size || bytes + body.length > MAX_BATCH_BYTES)) {
      batches.push(current);
      current = { kind, changes: [], bodies: [] };
      bytes = 0;
    }
    current.changes.push(change);
    current.bodies!.push(body);
    bytes += body.length + 1;
  }
  if (current.changes.length > 0) batches.push(current);
  return batches;
}
