/**
 * The `plan` use case: read the desired state (repo + environment) and the actual state
 * (server, bulk reads), then call the pure core buildPlan. Execution counts (the impact
 * section, the in-place and prune checks) are fetched only for the workflows the first pass
 * found changing, so an unchanged repo costs two GETs whatever its size.
 */
import { displayUrl } from '../conductor/url.js';
import type { HttpClient } from '../conductor/http.js';
import { readExecutionCounts } from '../conductor/remote-state.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Environment } from '../core/environment.js';
import { isInPruneScope } from '../core/environment-apply.js';
import type { Target } from '../core/environment-target.js';
import { buildPlan } from '../core/plan.js';
import type { BuildPlanOptions, ExecutionCounts, Plan } from '../core/plan-types.js';
import { UsageError } from '../errors.js';
import { createClientForTarget, type ClientHooks, type Env } from './conductor-client.js';
import { readActual, type ActualState } from './read-actual.js';
import { readDesired, type DesiredState } from './read-desired.js';
import { ignoreEvents, type EventSink } from './reconcile-events.js';
import { resolveTarget, type TargetFlags } from './resolve-target.js';

export interface PlanOptions {
  cwd: string;
  env: Env;
  homeDir: string;
  flags: TargetFlags;
  /** Already resolved (the cli resolves it to register secrets for masking); else from flags and env. */
  target?: Target;
  prune?: boolean;
  /** Delete workflow versions even when they have RUNNING/PAUSED executions. */
  force?: boolean;
  /** `kind/name[@version]`. */
  targets?: readonly string[];
  /** Definition files or directories; default `definitions`. */
  paths?: readonly string[];
  events?: EventSink;
  /** Test and benchmark seams for the HTTP client. */
  clientHooks?: ClientHooks;
}

export interface PlanResult {
  plan: Plan;
  /** The server, for display (no credentials). */
  serverUrl: string;
  /** Warnings from reading the repo (plan diagnostics are in `plan.diagnostics`). */
  warnings: Diagnostic[];
}

/** Everything apply needs after planning. */
export interface PlanSession extends PlanResult {
  target: Target;
  http: HttpClient;
  desired: DesiredState;
  actual: ActualState;
  executionCounts?: Map<string, ExecutionCounts>;
}

export async function planChanges(options: PlanOptions): Promise<PlanResult> {
  const { plan, serverUrl, warnings } = await openPlanSession(options);
  return { plan, serverUrl, warnings };
}

/** Resolves the target, reads both states and plans; the session is reused by apply. */
export async function openPlanSession(options: PlanOptions): Promise<PlanSession> {
  const events = options.events ?? ignoreEvents;
  const { target, http } = await connect(options);
  if (options.prune && !target.environment) {
    throw new UsageError('--prune needs an environment file that declares a prune scope', {
      code: 'PRUNE_NO_SCOPE',
      hint: 'select one with --profile <name> (environments/<name>.yaml, key `prune`)',
    });
  }
  events({ type: 'step', message: `reading definitions and ${displayUrl(http.baseUrl)}` });
  const [desired, actual] = await readBothStates(options, target, http);
  const planOptions = buildPlanOptions(options, target, actual);
  let plan = buildPlan(desired.state, actual.state, planOptions);
  const names = workflowNamesToCount(plan);
  let executionCounts: Map<string, ExecutionCounts> | undefined;
  if (names.length > 0) {
    events({ type: 'step', message: `counting running executions of ${names.length} workflow${names.length === 1 ? '' : 's'}` });
    executionCounts = (await readExecutionCounts(http, names, (message) => events({ type: 'warning', message })))?.byVersion;
    if (executionCounts) plan = buildPlan(desired.state, actual.state, { ...planOptions, executionCounts });
  }
  return { plan, serverUrl: displayUrl(http.baseUrl), warnings: desired.warnings, target, http, desired, actual, ...(executionCounts ? { executionCounts } : {}) };
}

/** The target the flags and env select, and a client for it. */
export async function connect(options: PlanOptions): Promise<{ target: Target; http: HttpClient }> {
  const events = options.events ?? ignoreEvents;
  const target = options.target ?? (await resolveTarget({ flags: options.flags, env: options.env, cwd: options.cwd, homeDir: options.homeDir }));
  const http = createClientForTarget(target, options.env, (message) => events({ type: 'warning', message }), options.clientHooks);
  return { target, http };
}

/** Both reads run at once; invalid definitions are reported at once, without waiting for the server. */
async function readBothStates(options: PlanOptions, target: Target, http: HttpClient): Promise<[DesiredState, ActualState]> {
  const cancel = new AbortController();
  const actual = readActual(http, cancel.signal);
  actual.catch(() => undefined); // observed below, or abandoned when the repo is invalid
  try {
    const desired = await readDesired({
      cwd: options.cwd,
      ...(target.environment ? { environment: target.environment } : {}),
      ...(options.paths ? { paths: options.paths } : {}),
    });
    return [desired, await actual];
  } catch (error) {
    cancel.abort();
    throw error;
  }
}

/** The name a plan records for its target (checked again by `apply plan.json`). */
export function environmentNameOf(target: Target): string {
  return target.environment?.name ?? target.profile ?? 'default';
}

function buildPlanOptions(options: PlanOptions, target: Target, actual: ActualState): BuildPlanOptions {
  const environment: Environment | undefined = target.environment;
  return {
    environment: environmentNameOf(target),
    versionPolicy: environment?.versioning ?? 'bump',
    prune: options.prune ?? false,
    ...(environment ? { scope: (key) => isInPruneScope(key, environment.prune) } : {}),
    ownedTaskDefs: actual.ownedTaskDefs,
    lastApplied: actual.lastApplied,
    force: options.force ?? false,
    ...(options.targets?.length ? { targets: options.targets } : {}),
  };
}

/** Workflows whose executions matter to this plan: changed ones and users of changed task defs. */
export function workflowNamesToCount(plan: Plan): string[] {
  const names = new Set<string>();
  for (const change of plan.changes) {
    if (change.action === 'no-op') continue;
    // A workflow new to the server has no executions yet; one with a server version may.
    const isOnServer = change.action !== 'create' || change.comparedVersion !== undefined;
    if (change.key.kind === 'workflowDef' && isOnServer) names.add(change.key.name);
    for (const use of change.usedBy ?? []) names.add(use.name);
  }
  return [...names].sort();
}
