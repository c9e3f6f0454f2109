/**
 * The plan model (docs/style.md "The core model", "A plan is data"): closed string-literal
 * unions that serialize as-is, one Change per resource, one Plan per environment. The JSON
 * form is plan-document.ts; buildPlan is plan.ts.
 */
import type { Diagnostic } from './diagnostics.js';
import type { PatchOperation } from './diff.js';
import type { JsonObject, ResourceKey, SourceLocation } from './model.js';
import type { WorkflowChangeSummary } from './task-summary.js';

export type Action = 'create' | 'update' | 'delete' | 'no-op';
export const ACTIONS: readonly Action[] = ['create', 'update', 'delete', 'no-op'];

/**
 * Why a change has its action.
 * - `new`: not on the server.
 * - `content-changed`: the repo changed; updated in place (task defs; `in-place` policy;
 *   a `bump`-policy version below the newest in the repo).
 * - `content-changed-bumped`: `bump` policy; created as the server's latest + 1.
 * - `version-raised`: the repo's version is above the server's latest (`bump`: and the content
 *   differs); created, shown as a diff against that latest version.
 * - `drift`: the repo is unchanged since the last apply, but the server was changed outside
 *   git; applying restores the repo's content.
 * - `unchanged`: the server matches the repo.
 * - `pruned`: owned, in scope, on the server but no longer in the repo (`prune: true`).
 */
export type ChangeReason =
  | 'new'
  | 'content-changed'
  | 'content-changed-bumped'
  | 'version-raised'
  | 'drift'
  | 'unchanged'
  | 'pruned';
export const CHANGE_REASONS: readonly ChangeReason[] = [
  'new',
  'content-changed',
  'content-changed-bumped',
  'version-raised',
  'drift',
  'unchanged',
  'pruned',
];

/** How workflow versions are chosen (see buildPlan). */
export type VersionPolicy = 'bump' | 'in-place' | 'strict';
export const VERSION_POLICIES: readonly VersionPolicy[] = ['bump', 'in-place', 'strict'];

/** Executions of one workflow version that are not finished. */
export interface ExecutionCounts {
  RUNNING: number;
  PAUSED: number;
}

/** A server workflow version that uses a task def (by task name, at any depth). */
export interface WorkflowUse {
  name: string;
  version: number;
  executions?: ExecutionCounts;
}

export interface Change {
  key: ResourceKey;
  action: Action;
  reason: ChangeReason;
  /** Normalized server body this change replaces, deletes, matches (no-op) or compares against. Absent for `new`. */
  before?: JsonObject;
  /** Normalized body to send (create/update, ownership marker included), or the matching server body (no-op). Absent for delete. */
  after?: JsonObject;
  /** RFC 6902 patch from `before` (or `{}`) to `after` (or `{}`). Empty for no-op. */
  patch: PatchOperation[];
  /** Where the desired definition lives in the repo. */
  source?: SourceLocation;
  /** Workflow creates compared against an existing version: that version's number. */
  comparedVersion?: number;
  /** Workflows with both sides: what changed, task by task. */
  taskSummary?: WorkflowChangeSummary;
  /** Task-def updates and deletes: the server's workflow versions that use it. */
  usedBy?: WorkflowUse[];
  /** Workflow changes: executions of the affected server version (`comparedVersion` or own). */
  executions?: ExecutionCounts;
}

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  noop: number;
}

/** Fingerprints of the normalized server bodies the plan touched (see fingerprint.ts). */
export interface ActualFingerprint {
  /** One hash over `resources`. */
  digest: string;
  /** Key id → fingerprint, or `absent` when the server did not hold it. */
  resources: Record<string, string>;
}

export interface Plan {
  formatVersion: 1;
  environment: string;
  versionPolicy: VersionPolicy;
  /** Sorted: task defs, then workflow defs; by name, then version. Apply order: orderChanges. */
  changes: Change[];
  summary: PlanSummary;
  actualFingerprint: ActualFingerprint;
  /** Plan errors (cycle, VERSION_NOT_RAISED…) and warnings. A plan with errors must not apply. */
  diagnostics: Diagnostic[];
}

/** Which server resources `prune` may touch: a predicate, globs, or include/exclude globs (plan-scope.ts). */
export type ScopeFilter =
  | ((key: ResourceKey) => boolean)
  | readonly string[]
  | { readonly include: readonly string[]; readonly exclude: readonly string[] };

export interface BuildPlanOptions {
  /** The environment (profile) name, recorded in the plan. */
  environment: string;
  /** Default `bump`. */
  versionPolicy?: VersionPolicy;
  /** Plan deletes for owned, in-scope server resources missing from the repo. Default false. */
  prune?: boolean;
  /** Default: everything is in scope (ownership still applies). */
  scope?: ScopeFilter;
  /** Names of task defs this tool applied before (task defs cannot carry a marker). */
  ownedTaskDefs?: ReadonlySet<string>;
  /** Allow deleting workflow versions that have RUNNING or PAUSED executions. */
  force?: boolean;
  /** Key id → what was last applied: a body, or fingerprintContent() of one. Enables `drift`. */
  lastApplied?: ReadonlyMap<string, string | JsonObject>;
  /** `name@version` → counts, from the server. */
  executionCounts?: ReadonlyMap<string, ExecutionCounts>;
  /** `--target kind/name[@version]`: keep those changes and what they depend on. */
  targets?: readonly string[];
}
