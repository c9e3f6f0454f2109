/**
 * Deletes (`prune: true`). A server definition missing from the repo is deleted only when it
 * is inside the scope, owned by this tool (plan-ownership.ts) and, for a workflow version,
 * has no RUNNING or PAUSED executions (unless `force`). An empty repo never prunes: that is
 * far more likely a wrong path than a wish to delete everything.
 */
import type { Diagnostic } from './diagnostics.js';
import { indexWorkflowsByTaskName } from './graph.js';
import { keyId, type Resource, type State } from './model.js';
import { normalize } from './normalize.js';
import { compareCodePoints } from './normalize-json.js';
import { hasActiveExecutions, makeChange, type PlanContext } from './plan-change.js';
import { isOwned } from './plan-ownership.js';
import { buildScopeMatcher } from './plan-scope.js';
import type { Change } from './plan-types.js';

const LISTED_AT_MOST = 10;

/** Delete changes for prunable server resources, with warnings for the ones left alone. */
export function planPrune(desired: State, context: PlanContext): Change[] {
  const { options, actual, diagnostics } = context;
  if (!options.prune) return [];
  if (desired.size === 0) {
    diagnostics.push({
      severity: 'error',
      code: 'PRUNE_EMPTY_DESIRED',
      message: 'Refusing to prune: the repo holds no definitions, so every owned definition in scope would be deleted.',
    });
    return [];
  }
  const scope = buildScopeMatcher(options.scope);
  for (const problem of scope.problems) {
    diagnostics.push({ severity: 'error', code: 'PRUNE_SCOPE_INVALID', message: `Invalid prune scope glob ${problem}; it matches nothing.` });
  }
  const candidates = [...actual.values()]
    .filter((resource) => !isCoveredByRepo(resource, desired, context) && scope.isInScope(resource.key))
    .sort((a, b) => compareCodePoints(keyId(a.key), keyId(b.key)));
  const notOwned: string[] = [];
  const changes: Change[] = [];
  for (const resource of candidates) {
    if (!isOwned(resource.key, resource.body, options.ownedTaskDefs ?? new Set())) notOwned.push(keyId(resource.key));
    else if (resource.key.kind === 'workflowDef' && !options.force && hasActiveExecutions(resource.key, options)) {
      diagnostics.push(blockedByExecutions(resource, context));
    } else {
      const before = normalize(resource.key.kind, resource.body);
      changes.push(makeChange({ key: resource.key, action: 'delete', reason: 'pruned', before }, context));
    }
  }
  if (notOwned.length > 0) diagnostics.push(notOwnedWarning(notOwned));
  diagnostics.push(...stillUsedWarnings(changes, desired, actual));
  return changes;
}

/**
 * Under `bump` the repo holds one version of a workflow and the server keeps the older ones
 * (executions may still need them), so any version of a name the repo holds is covered.
 * Under `in-place` and `strict` the repo's version numbers are the truth.
 */
function isCoveredByRepo(resource: Resource, desired: State, context: PlanContext): boolean {
  if (desired.has(keyId(resource.key))) return true;
  if (resource.key.kind !== 'workflowDef' || context.policy !== 'bump') return false;
  for (const other of desired.values()) {
    if (other.key.kind === 'workflowDef' && other.key.name === resource.key.name) return true;
  }
  return false;
}

function blockedByExecutions(resource: Resource, context: PlanContext): Diagnostic {
  const counts = context.options.executionCounts?.get(`${resource.key.name}@${resource.key.version ?? 1}`);
  return {
    severity: 'warning',
    code: 'DELETE_BLOCKED_EXECUTIONS',
    message: `${keyId(resource.key)} is not deleted: it has ${counts?.RUNNING ?? 0} running and ${counts?.PAUSED ?? 0} paused executions (force to delete anyway).`,
  };
}

function notOwnedWarning(ids: string[]): Diagnostic {
  const listed = ids.slice(0, LISTED_AT_MOST).join(', ');
  const more = ids.length > LISTED_AT_MOST ? ` and ${ids.length - LISTED_AT_MOST} more` : '';
  return {
    severity: 'warning',
    code: 'PRUNE_NOT_OWNED',
    message: `Not deleted, not created by conductor-gitops (in scope but missing from the repo): ${listed}${more}.`,
  };
}

/** A task def deleted while a workflow that stays (repo or server) still uses it. */
function stillUsedWarnings(changes: Change[], desired: State, actual: State): Diagnostic[] {
  const deleted = new Set(changes.map((change) => keyId(change.key)));
  const taskDefDeletes = changes.filter((change) => change.key.kind === 'taskDef');
  if (taskDefDeletes.length === 0) return [];
  const remaining = [...desired.values(), ...[...actual.values()].filter((r) => !deleted.has(keyId(r.key)))];
  const usersByTaskName = indexWorkflowsByTaskName(remaining);
  const warnings: Diagnostic[] = [];
  for (const change of taskDefDeletes) {
    const users = new Set((usersByTaskName.get(change.key.name) ?? []).map((resource) => keyId(resource.key)));
    if (users.size === 0) continue;
    warnings.push({
      severity: 'warning',
      code: 'TASKDEF_STILL_USED',
      message: `${keyId(change.key)} is deleted but still used by ${[...users].sort(compareCodePoints).join(', ')}; those tasks will run with default settings.`,
    });
  }
  return warnings;
}
