/**
 * Carries out an ordered plan: level after level (core orderChanges), the batches of a level
 * concurrently under p-limit(parallelism). A failure never stops the level it happens in;
 * later changes that depend on a failed or skipped change are skipped, everything else still
 * runs, and the result says exactly what happened to each change.
 */
import pLimit from 'p-limit';
import type { HttpClient } from '../conductor/http.js';
import { keyId } from '../core/model.js';
import { orderChangesForApply } from '../core/order.js';
import type { Change } from '../core/plan-types.js';
import { buildBatches, sendBatch, serializeSendBodies, type Batch } from './apply-batches.js';
import type { EventSink } from './reconcile-events.js';

export interface FailedChange {
  change: Change;
  error: Error;
}

export interface SkippedChange {
  change: Change;
  /** Key ids of the failed or skipped changes it needed. */
  blockedBy: string[];
}

export interface ExecutionReport {
  applied: Change[];
  failed: FailedChange[];
  skipped: SkippedChange[];
}

export interface ExecuteOptions {
  http: HttpClient;
  parallelism: number;
  events: EventSink;
  /** Milliseconds, for per-change durations. */
  now: () => number;
  /** Work to do while the last level's requests are in flight (e.g. the ownership record's fingerprints). */
  whileWaiting?: () => void;
}

export async function executeChanges(changes: readonly Change[], options: ExecuteOptions): Promise<ExecutionReport> {
  // The plan ordered these same changes (to find cycles): orderChangesForApply reuses that.
  const { levels, prerequisites } = orderChangesForApply(changes);
  const report: ExecutionReport = { applied: [], failed: [], skipped: [] };
  const notDone = new Set<Change>();
  const limit = pLimit(Math.max(1, options.parallelism));
  // Send bodies serialized while the previous level's requests are in flight (the server works meanwhile).
  const bodies = new Map<Change, string>();
  for (const [index, level] of levels.entries()) {
    options.events({ type: 'level', index: index + 1, total: levels.length, changes: level.length });
    const runnable: Change[] = [];
    for (const change of level) {
      const blockedBy = (prerequisites.get(change) ?? []).filter((p) => notDone.has(p)).map((p) => keyId(p.key));
      if (blockedBy.length === 0) {
        runnable.push(change);
        continue;
      }
      notDone.add(change);
      report.skipped.push({ change, blockedBy });
      options.events({ type: 'change-done', change, outcome: 'skipped', message: `needs ${blockedBy.join(', ')}` });
    }
    const sent = Promise.all(buildBatches(runnable, bodies).map((batch) => limit(() => runBatch(batch, options, report, notDone))));
    void sent.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    const next = levels[index + 1];
    if (next) await serializeSendBodies(next, bodies);
    else if (options.whileWaiting) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      options.whileWaiting();
    }
    await sent;
  }
  return report;
}

async function runBatch(batch: Batch, options: ExecuteOptions, report: ExecutionReport, notDone: Set<Change>): Promise<void> {
  const started = options.now();
  for (const change of batch.changes) options.events({ type: 'change-start', change });
  const outcome = await sendBatch(options.http, batch);
  const durationMs = options.now() - started;
  for (const change of batch.changes) {
    const error = outcome.get(change);
    if (error) {
      notDone.add(change);
      report.failed.push({ change, error });
      options.events({ type: 'change-done', change, outcome: 'failed', message: error.message, durationMs });
    } else {
      report.applied.push(change);
      options.events({ type: 'change-done', change, outcome: 'applied', durationMs });
    }
  }
}
