/**
 * buildPlan: the pure heart of the reconciler. It compares the desired state (the repo) with
 * the actual state (a server), both normalized, and returns a Plan: one Change per resource
 * with an action, a reason and an RFC 6902 patch, plus diagnostics. No I/O: the app reads both
 * states, execution counts and the last-applied record, and passes them in.
 */
import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { computeDigest, computeFingerprints } from './fingerprint.js';
import { keyId, type JsonObject, type ResourceKey, type State } from './model.js';
import { compareChanges, orderChanges } from './order.js';
import type { PlanContext } from './plan-change.js';
import { planTaskDefs, planWorkflows } from './plan-desired.js';
import { planPrune } from './plan-prune.js';
import { selectTargets } from './plan-target.js';
import type { BuildPlanOptions, Change, Plan, PlanSummary } from './plan-types.js';

export * from './plan-types.js';
export { MANAGED_MARKER, isManagedWorkflow, withManagedMarker } from './plan-ownership.js';
export { fingerprintContent } from './plan-content.js';

/**
 * Plan `desired` against `actual`.
 *
 * Task defs are unversioned: create, update in place, or no-op; an update lists the server's
 * workflows that use the task def. Workflow defs follow `options.versionPolicy`:
 * - `bump` (default): the repo's newest version of a name is compared with the server's
 *   latest, ignoring the version number. Equal: no-op. Different: create latest+1
 *   (`content-changed-bumped`), or the repo's number if higher (`version-raised`); existing
 *   executions keep their version. Older versions the repo keeps are planned in place.
 * - `in-place`: update the repo's version number (create it when absent).
 * - `strict`: like in-place, but changed content under a number the server already holds is
 *   the error VERSION_NOT_RAISED (no change is planned for it).
 * A difference whose repo side equals `lastApplied` has reason `drift`. Deletes: see
 * plan-prune.ts. `targets` narrows the plan (plan-target.ts). Dependency cycles among the
 * changes are PLAN_CYCLE errors. Created and updated workflows carry MANAGED_MARKER.
 */
export function buildPlan(desired: State, actual: State, options: BuildPlanOptions): Plan {
  const context: PlanContext = { actual, policy: options.versionPolicy ?? 'bump', options, diagnostics: [] };
  const resources = [...desired.values()];
  const planned = dedupeByKey([
    ...planTaskDefs(resources.filter((resource) => resource.key.kind === 'taskDef'), context),
    ...planWorkflows(resources.filter((resource) => resource.key.kind === 'workflowDef'), context),
    ...planPrune(desired, context),
  ]);
  const selected = options.targets?.length ? selectTargets(planned, options.targets, context.diagnostics) : planned;
  const changes = [...selected].sort(compareChanges);
  for (const cycle of orderChanges(changes).cycles) context.diagnostics.push(cycleError(cycle));
  const fingerprints = computeFingerprints(actual, touchedKeys(changes), normalizedActual(changes));
  return {
    formatVersion: 1,
    environment: options.environment,
    versionPolicy: context.policy,
    changes,
    summary: summarizeChanges(changes),
    actualFingerprint: { digest: computeDigest(fingerprints), resources: fingerprints },
    diagnostics: sortDiagnostics(context.diagnostics),
  };
}

export function summarizeChanges(changes: readonly Change[]): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, delete: 0, noop: 0 };
  for (const change of changes) summary[change.action === 'no-op' ? 'noop' : change.action]++;
  return summary;
}

/** Whether a plan would change anything on the server. */
export function hasChanges(plan: Plan): boolean {
  return plan.changes.some((change) => change.action !== 'no-op');
}

/**
 * The server keys a saved plan's apply touches: each change's key, plus the version a workflow
 * create was compared with. A no-op touches nothing, so a later server edit of it does not make
 * the plan stale (and an unchanged repo costs no fingerprints).
 */
function touchedKeys(changes: readonly Change[]): ResourceKey[] {
  const keys: ResourceKey[] = [];
  for (const change of changes) {
    if (change.action === 'no-op') continue;
    keys.push(change.key);
    if (change.comparedVersion !== undefined) keys.push({ ...change.key, version: change.comparedVersion });
  }
  return keys;
}

/**
 * The server bodies the changes already hold normalized: an update's `before` is the
 * normalized body of its own key on the server (plan-desired.ts), so the fingerprints need not
 * normalize it again.
 */
function normalizedActual(changes: readonly Change[]): Map<string, JsonObject> {
  const bodies = new Map<string, JsonObject>();
  for (const change of changes) {
    if (change.action === 'update' && change.before) bodies.set(keyId(change.key), change.before);
  }
  return bodies;
}

/** Two repo versions can land on the same server version (bump); the first real change wins. */
function dedupeByKey(changes: Change[]): Change[] {
  const byKey = new Map<string, Change>();
  for (const change of changes) {
    const id = keyId(change.key);
    const seen = byKey.get(id);
    if (!seen || (seen.action === 'no-op' && change.action !== 'no-op')) byKey.set(id, change);
  }
  return changes.filter((change) => byKey.get(keyId(change.key)) === change);
}

function cycleError(cycle: string[]): Diagnostic {
  return {
    severity: 'error',
    code: 'PLAN_CYCLE',
    message: `Dependency cycle: ${cycle.join(' → ')}. No apply order puts each sub-workflow before its parent; break the cycle.`,
  };
}
