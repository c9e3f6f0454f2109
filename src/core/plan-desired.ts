/**
 * Planning the definitions the repo holds: one change per task def, and per workflow name
 * the changes its version policy gives (see buildPlan for the policies).
 */
import { keyId, type JsonObject, type Resource, type ResourceKey, type SourceLocation } from './model.js';
import { normalize } from './normalize.js';
import { compareCodePoints } from './normalize-json.js';
import { classifyDifference, driftOverwrittenWarning, locationOf, makeChange, type PlanContext } from './plan-change.js';
import { isSameContent } from './plan-content.js';
import { withManagedMarker } from './plan-ownership.js';
import type { Change, ChangeReason } from './plan-types.js';

/** Changes for the task defs in the repo. */
export function planTaskDefs(desired: Resource[], context: PlanContext): Change[] {
  return desired.map((resource) => planInPlace(resource, normalize('taskDef', resource.body), context));
}

/** Changes for the workflow defs in the repo, grouped by name, under the context's policy. */
export function planWorkflows(desired: Resource[], context: PlanContext): Change[] {
  const byName = new Map<string, Resource[]>();
  for (const resource of desired) byName.set(resource.key.name, [...(byName.get(resource.key.name) ?? []), resource]);
  const changes: Change[] = [];
  for (const name of [...byName.keys()].sort(compareCodePoints)) {
    const versions = byName.get(name)!.sort((a, b) => versionOf(a.key) - versionOf(b.key));
    const newest = versions.pop()!;
    // Only the newest repo version follows `bump`; older ones the repo keeps are planned in place.
    const policies = [...versions.map(() => 'in-place' as const), context.policy];
    [...versions, newest].forEach((resource, i) => {
      const change = planWorkflowVersion(resource, context, policies[i]!);
      if (change) changes.push(change);
    });
  }
  return changes;
}

/** Undefined when the change is not allowed (a `strict` error was recorded instead). */
function planWorkflowVersion(resource: Resource, context: PlanContext, policy: PlanContext['policy']): Change | undefined {
  if (policy === 'bump') return planBump(resource, context);
  const after = desiredWorkflowBody(resource, versionOf(resource.key));
  if (policy === 'strict' && !checkStrict(resource, after, context)) return undefined;
  return planInPlace(resource, after, context);
}

/** The body to send for a repo workflow at a version: normalized, with the ownership marker. */
function desiredWorkflowBody(resource: Resource, version: number): JsonObject {
  return normalize('workflowDef', withManagedMarker({ ...resource.body, version }));
}

/** Create if absent, no-op if equal, else update the same key (reason from drift detection). */
function planInPlace(resource: Resource, after: JsonObject, context: PlanContext): Change {
  const { key, source } = resource;
  const actual = context.actual.get(keyId(key));
  if (!actual) return planNewVersion(resource, after, context);
  const before = normalize(key.kind, actual.body);
  if (isSameContent(key.kind, before, after)) {
    return makeChange({ key, action: 'no-op', reason: 'unchanged', before, after: before, source }, context);
  }
  const reason = differenceReason(key, { after, before, source }, context, 'content-changed');
  return makeChange({ key, action: 'update', reason, before, after, source }, context);
}

/** A key the server lacks: above the server's latest version of the name, show the diff to it. */
function planNewVersion(resource: Resource, after: JsonObject, context: PlanContext): Change {
  const { key, source } = resource;
  const latest = key.kind === 'workflowDef' ? findLatestVersion(key.name, context) : undefined;
  if (!latest || versionOf(latest.key) > versionOf(key)) return makeChange({ key, action: 'create', reason: 'new', after, source }, context);
  const before = normalize('workflowDef', latest.body);
  return makeChange({ key, action: 'create', reason: 'version-raised', before, after, source, comparedVersion: versionOf(latest.key) }, context);
}

/**
 * `bump`: compare with the server's latest version of the name. Equal: no-op on that version.
 * Different: create latest+1, or the repo's number when that is higher.
 */
function planBump(resource: Resource, context: PlanContext): Change {
  const { key, source } = resource;
  const latest = findLatestVersion(key.name, context);
  if (!latest) return makeChange({ key, action: 'create', reason: 'new', after: desiredWorkflowBody(resource, versionOf(key)), source }, context);
  const latestVersion = versionOf(latest.key);
  const before = normalize('workflowDef', latest.body);
  const candidate = desiredWorkflowBody(resource, latestVersion);
  if (isSameContent('workflowDef', before, candidate)) {
    return makeChange({ key: latest.key, action: 'no-op', reason: 'unchanged', before, after: before, source }, context);
  }
  const isRaised = versionOf(key) > latestVersion;
  const target = isRaised ? versionOf(key) : latestVersion + 1;
  const after = desiredWorkflowBody(resource, target);
  const reason = differenceReason(latest.key, { after, before, source }, context, isRaised ? 'version-raised' : 'content-changed-bumped');
  const targetKey: ResourceKey = { kind: 'workflowDef', name: key.name, version: target };
  return makeChange({ key: targetKey, action: 'create', reason, before, after, source, comparedVersion: latestVersion }, context);
}

function differenceReason(
  comparedKey: ResourceKey,
  sides: { after: JsonObject; before: JsonObject; source: SourceLocation | undefined },
  context: PlanContext,
  changedReason: ChangeReason,
): ChangeReason {
  const kind = classifyDifference(comparedKey, sides.after, sides.before, context.options);
  if (kind === 'drift') return 'drift';
  if (kind === 'both') context.diagnostics.push(driftOverwrittenWarning(comparedKey, sides.source));
  return changedReason;
}

/**
 * `strict`: the repo's version numbers are the truth, so changed content under a number the
 * server already holds is an error (drift, a server-side edit, may still be restored).
 */
function checkStrict(resource: Resource, after: JsonObject, context: PlanContext): boolean {
  const { key, source } = resource;
  const actual = context.actual.get(keyId(key));
  if (!actual) return true;
  const before = normalize('workflowDef', actual.body);
  if (isSameContent('workflowDef', before, after)) return true;
  if (classifyDifference(key, after, before, context.options) === 'drift') return true;
  const latest = findLatestVersion(key.name, context);
  const next = (latest ? versionOf(latest.key) : versionOf(key)) + 1;
  context.diagnostics.push({
    severity: 'error',
    code: 'VERSION_NOT_RAISED',
    message: `${keyId(key)} changed, but the server already holds version ${versionOf(key)} with other content; with the strict version policy, raise the version (next free: ${next}).`,
    ...(source ? locationOf(source, '/version') : {}),
  });
  return false;
}

function findLatestVersion(name: string, context: PlanContext): Resource | undefined {
  return latestVersions(context).get(name);
}

/** Per planning run (its actual State does not change meanwhile), the latest workflow version of each name. */
const latestByContext = new WeakMap<PlanContext, Map<string, Resource>>();

function latestVersions(context: PlanContext): Map<string, Resource> {
  let latest = latestByContext.get(context);
  if (latest) return latest;
  latest = new Map();
  for (const resource of context.actual.values()) {
    if (resource.key.kind !== 'workflowDef') continue;
    const seen = latest.get(resource.key.name);
    // Strictly greater, in iteration order: the first of equal versions wins, as in a scan.
    if (!seen || versionOf(resource.key) > versionOf(seen.key)) latest.set(resource.key.name, resource);
  }
  latestByContext.set(context, latest);
  return latest;
}

export function versionOf(key: ResourceKey): number {
  return key.version ?? 1;
}
