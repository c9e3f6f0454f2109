/**
 * Building one Change with everything a reviewer needs: the patch, the task summary for
 * workflows, the impact (executions, workflows using a task def), and telling a repo change
 * from drift (a server change made outside git).
 */
import type { Diagnostic } from './diagnostics.js';
import { diffBodies } from './diff.js';
import { indexWorkflowsByTaskName } from './graph.js';
import { keyId, type JsonObject, type Resource, type ResourceKey, type SourceLocation, type State } from './model.js';
import { compareCodePoints } from './normalize-json.js';
import { fingerprintContent } from './plan-content.js';
import type { Action, BuildPlanOptions, Change, ChangeReason, ExecutionCounts, VersionPolicy, WorkflowUse } from './plan-types.js';
import { summarizeWorkflowChange } from './task-summary.js';

/** What the planning steps share. `diagnostics` collects as they go. */
export interface PlanContext {
  actual: State;
  policy: VersionPolicy;
  options: BuildPlanOptions;
  diagnostics: Diagnostic[];
}

export interface ChangeInput {
  key: ResourceKey;
  action: Action;
  reason: ChangeReason;
  before?: JsonObject;
  after?: JsonObject;
  source?: SourceLocation;
  comparedVersion?: number;
}

/** A Change with its patch and impact filled in. Bodies must already be normalized. */
export function makeChange(input: ChangeInput, context: PlanContext): Change {
  const { before, after, source, comparedVersion } = input;
  // Built field by field: a rest/spread copy per change was a visible cost for large repos.
  const change: Change = { key: input.key, action: input.action, reason: input.reason, patch: input.action === 'no-op' ? [] : diffBodies(before, after) };
  if (before) change.before = before;
  if (after) change.after = after;
  if (source) change.source = source;
  if (comparedVersion !== undefined) change.comparedVersion = comparedVersion;
  if (input.action === 'no-op') return change;
  if (input.key.kind === 'workflowDef') {
    if (before && after) change.taskSummary = summarizeWorkflowChange(before, after);
    const executions = findExecutions(input.key.name, comparedVersion ?? input.key.version ?? 1, context.options);
    if (executions) change.executions = executions;
  } else if (input.action !== 'create') {
    change.usedBy = findWorkflowsUsing(input.key.name, context);
  }
  return change;
}

function findExecutions(name: string, version: number, options: BuildPlanOptions): ExecutionCounts | undefined {
  const counts = options.executionCounts?.get(`${name}@${version}`);
  return counts ? { RUNNING: counts.RUNNING, PAUSED: counts.PAUSED } : undefined;
}

/** Server workflow versions with a task of this name at any depth, sorted by name and version. */
export function findWorkflowsUsing(taskName: string, context: PlanContext): WorkflowUse[] {
  const uses: WorkflowUse[] = [];
  for (const resource of serverWorkflowsByTaskName(context).get(taskName) ?? []) {
    const version = resource.key.version ?? 1;
    const use: WorkflowUse = { name: resource.key.name, version };
    const executions = findExecutions(use.name, version, context.options);
    if (executions) use.executions = executions;
    uses.push(use);
  }
  return uses.sort((a, b) => compareCodePoints(a.name, b.name) || a.version - b.version);
}

/** Per planning run (its actual State does not change meanwhile), the server's workflows by task name. */
const usersByContext = new WeakMap<PlanContext, Map<string, Resource[]>>();

function serverWorkflowsByTaskName(context: PlanContext): Map<string, Resource[]> {
  let index = usersByContext.get(context);
  if (!index) usersByContext.set(context, (index = indexWorkflowsByTaskName(context.actual.values())));
  return index;
}

/** Whether a version has executions that are not finished. */
export function hasActiveExecutions(key: ResourceKey, options: BuildPlanOptions): boolean {
  const counts = findExecutions(key.name, key.version ?? 1, options);
  return counts !== undefined && counts.RUNNING + counts.PAUSED > 0;
}

/**
 * How a difference between repo and server came about, from what was last applied:
 * - `drift`: the repo still holds what was applied; the server changed outside git.
 * - `changed`: the repo changed (or nothing is recorded).
 * - `both`: the repo changed and so did the server; a warning says the server's edit is lost.
 * For workflows, when the compared version has no record, a record of any version of the same
 * name that matches the repo also counts (someone registered a new version by hand).
 */
export function classifyDifference(
  key: ResourceKey,
  desired: JsonObject,
  actual: JsonObject,
  options: BuildPlanOptions,
): 'drift' | 'changed' | 'both' {
  const lastApplied = options.lastApplied;
  if (!lastApplied) return 'changed';
  const recordOf = (value: string | JsonObject) => (typeof value === 'string' ? value : fingerprintContent(key.kind, value));
  const desiredFingerprint = fingerprintContent(key.kind, desired);
  const exact = lastApplied.get(keyId(key));
  if (exact !== undefined) {
    const recorded = recordOf(exact);
    if (recorded === desiredFingerprint) return 'drift';
    return recorded === fingerprintContent(key.kind, actual) ? 'changed' : 'both';
  }
  if (key.kind !== 'workflowDef') return 'changed';
  const prefix = `workflowDef/${key.name}@`;
  for (const [id, value] of lastApplied) {
    if (id.startsWith(prefix) && recordOf(value) === desiredFingerprint) return 'drift';
  }
  return 'changed';
}

/** Warning for `both`: the repo's content will replace an edit made on the server. */
export function driftOverwrittenWarning(key: ResourceKey, source: SourceLocation | undefined): Diagnostic {
  const diagnostic: Diagnostic = {
    severity: 'warning',
    code: 'DRIFT_OVERWRITTEN',
    message: `${keyId(key)} was also changed on the server since the last apply; applying replaces that change with the repo's content.`,
  };
  if (source) Object.assign(diagnostic, locationOf(source));
  return diagnostic;
}

/** file/line/pointer of a diagnostic about a desired definition. */
export function locationOf(source: SourceLocation, pointerSuffix = ''): Pick<Diagnostic, 'file' | 'line' | 'pointer'> {
  const location: Pick<Diagnostic, 'file' | 'line' | 'pointer'> = { file: source.file, pointer: `${source.pointer ?? ''}${pointerSuffix}` };
  if (source.line !== undefined) location.line = source.line;
  return location;
}
