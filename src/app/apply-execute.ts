/**
 * Carries out an ordered plan: level after level (core orderChanges), the batches of a level
 * concurrently under p-limit(parallelism). A failure never stops the level it happens in;
 * later changes that depend on a failed or skipped change are skipped, everything else still
 * runs, and the result says exactly what happened to each change.
 */
import pLimit from 'p-limit';
import type { HttpClient } from '../conductor/http.js';
import { keyId } from '../core/model.js';
import { collectTaskNames, collectWorkflowReferences } from '../core/graph.js';
import { orderChanges } from '../core/order.js';
import type { Change } from '../core/plan-types.js';
import { buildBatches, sendBatch, type Batch } from './apply-batches.js';
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
}

export async function executeChanges(changes: readonly Change[], options: ExecuteOptions): Promise<ExecutionReport> {
  const { levels } = orderChanges(changes);
  const prerequisites = buildPrerequisites(levels.flat());
  const report: ExecutionReport = { applied: [], failed: [], skipped: [] };
  const notDone = new Set<Change>();
  const limit = pLimit(Math.max(1, options.parallelism));
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
    await Promise.all(buildBatches(runnable).map((batch) => limit(() => runBatch(batch, options, report, notDone))));
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

/**
 * What each change needs done first, as core orderChanges defines it (same rules as
 * findDependencies: task defs by name, workflows by name and pinned version): a write needs
 * the writes of what it uses; a delete needs the deletes of what uses it. Indexed by name,
 * so thousands of changes cost a lookup each, not a scan of every other change.
 */
function buildPrerequisites(changes: Change[]): Map<Change, Change[]> {
  const prerequisites = new Map<Change, Change[]>(changes.map((change) => [change, []]));
  for (const group of [changes.filter((c) => c.action !== 'delete'), changes.filter((c) => c.action === 'delete')]) {
    const byName = indexByName(group);
    for (const change of group) {
      for (const used of findUsed(change, byName)) {
        if (change.action === 'delete') prerequisites.get(used)!.push(change);
        else prerequisites.get(change)!.push(used);
      }
    }
  }
  return prerequisites;
}

function indexByName(changes: Change[]): Map<string, Change[]> {
  const byName = new Map<string, Change[]>();
  for (const change of changes) {
    const id = `${change.key.kind}/${change.key.name}`;
    byName.set(id, [...(byName.get(id) ?? []), change]);
  }
  return byName;
}

/** The changes of `byName` that `change` uses (its body's task names and workflow references). */
function findUsed(change: Change, byName: Map<string, Change[]>): Change[] {
  const body = change.action === 'delete' ? change.before : change.after;
  if (change.key.kind !== 'workflowDef' || !body) return [];
  const used: Change[] = [];
  for (const name of collectTaskNames(body)) used.push(...(byName.get(`taskDef/${name}`) ?? []));
  for (const ref of collectWorkflowReferences(body)) {
    if (ref.name === change.key.name) continue;
    const candidates = byName.get(`workflowDef/${ref.name}`) ?? [];
    used.push(...candidates.filter((other) => ref.version === undefined || ref.version === other.key.version));
  }
  return [...new Set(used)];
}
