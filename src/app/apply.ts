/**
 * The `apply` use case: plan (or read a saved plan and check it is not stale), refuse what
 * is unsafe, ask `confirm`, carry the changes out in dependency order (apply-execute.ts),
 * then update the ownership record. Returns what happened to every change; it throws only
 * for problems found before anything was changed. The cli turns failed changes into exit 1.
 */
import { displayUrl } from '../conductor/url.js';
import { readExecutionCounts } from '../conductor/remote-state.js';
import { DEFAULT_PARALLELISM } from '../core/environment.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Change, ExecutionCounts, Plan } from '../core/plan-types.js';
import { AbortError, CliError, ValidationError } from '../errors.js';
import { executeChanges, type ExecutionReport } from './apply-execute.js';
import { computeRecordFingerprints, writeRecord } from './apply-record.js';
import { connect, environmentNameOf, openPlanSession, workflowNamesToCount, type PlanOptions } from './plan.js';
import { readActual, type ActualState } from './read-actual.js';
import { ignoreEvents, type EventSink } from './reconcile-events.js';
import { checkSavedPlan, readPlanFile } from './saved-plan.js';
import type { HttpClient } from '../conductor/http.js';

export interface ApplyOptions extends PlanOptions {
  /** A plan document from `plan --out`; the repo is then not read. */
  planFile?: string;
  /** Concurrent requests; default: the environment's, else 4. */
  parallelism?: number;
  /** Update workflow versions in place even when they have RUNNING or PAUSED executions. */
  allowInplace?: boolean;
  /** Asked once the plan is known and has changes; false aborts (AbortError). Absent: approve. */
  confirm?: (plan: Plan) => Promise<boolean>;
  /** Milliseconds; default Date.now. */
  clock?: () => number;
}

export interface ApplyResult extends ExecutionReport {
  plan: Plan;
  serverUrl: string;
  warnings: Diagnostic[];
  /** Whether the task-def ownership record on the server was updated. */
  recordWritten: boolean;
  durationMs: number;
}

interface ApplySession {
  plan: Plan;
  http: HttpClient;
  actual: ActualState;
  serverUrl: string;
  warnings: Diagnostic[];
  parallelism: number;
  executionCounts?: Map<string, ExecutionCounts>;
}

export async function applyChanges(options: ApplyOptions): Promise<ApplyResult> {
  const clock = options.clock ?? Date.now;
  const events = options.events ?? ignoreEvents;
  const session = options.planFile ? await openSavedSession(options, options.planFile) : await openFreshSession(options);
  refusePlanErrors(session.plan);
  const changes = session.plan.changes.filter((change) => change.action !== 'no-op');
  await refuseInPlaceWithExecutions(session, changes, options, events);
  if (changes.length > 0 && options.confirm && !(await options.confirm(session.plan))) {
    throw new AbortError('Apply cancelled; nothing was changed.');
  }
  const started = clock(); // after the prompt: the duration is the apply's, not the reader's
  // The ownership record's fingerprints are computed while the last requests are in flight.
  const fingerprints = new Map<Change, string>();
  const whileWaiting = () => computeRecordFingerprints(session.plan.changes, fingerprints);
  const report: ExecutionReport =
    changes.length === 0
      ? { applied: [], failed: [], skipped: [] }
      : await executeChanges(changes, { http: session.http, parallelism: session.parallelism, events, now: clock, whileWaiting });
  const recordWritten = await recordOwnership(session, report, events, fingerprints);
  const { plan, serverUrl, warnings } = session;
  return { plan, serverUrl, warnings, ...report, recordWritten, durationMs: clock() - started };
}

/** A failure here is a warning: the definitions are applied; the next apply writes the record. */
async function recordOwnership(session: ApplySession, report: ExecutionReport, events: EventSink, fingerprints: Map<Change, string>): Promise<boolean> {
  const noOps = session.plan.changes.filter((change) => change.action === 'no-op');
  try {
    return await writeRecord(session.http, session.actual.record, noOps, report, fingerprints);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    events({ type: 'warning', message: `could not update the task-def ownership record (the next apply retries): ${reason}` });
    return false;
  }
}

async function openFreshSession(options: ApplyOptions): Promise<ApplySession> {
  const session = await openPlanSession(options);
  const { plan, http, actual, serverUrl, warnings, executionCounts } = session;
  const parallelism = options.parallelism ?? session.target.environment?.parallelism ?? DEFAULT_PARALLELISM;
  return { plan, http, actual, serverUrl, warnings, parallelism, ...(executionCounts ? { executionCounts } : {}) };
}

async function openSavedSession(options: ApplyOptions, planFile: string): Promise<ApplySession> {
  const events = options.events ?? ignoreEvents;
  const plan = await readPlanFile(planFile, options.cwd);
  const { target, http } = await connect(options);
  events({ type: 'step', message: `checking ${planFile} against ${displayUrl(http.baseUrl)}` });
  const actual = await readActual(http);
  checkSavedPlan(plan, environmentNameOf(target), actual.state, planFile);
  const parallelism = options.parallelism ?? target.environment?.parallelism ?? DEFAULT_PARALLELISM;
  return { plan, http, actual, serverUrl: displayUrl(http.baseUrl), warnings: [], parallelism };
}

function refusePlanErrors(plan: Plan): void {
  const errors = plan.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new ValidationError(`the plan has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was applied`, errors, { code: 'PLAN_INVALID' });
}

/**
 * The `in-place` policy overwrites a version that executions may be running: refused when any
 * updated workflow version has RUNNING or PAUSED executions, or when they cannot be counted.
 * Counts are read again here, so a saved plan is checked against the server as it is now.
 */
async function refuseInPlaceWithExecutions(session: ApplySession, changes: Change[], options: ApplyOptions, events: EventSink): Promise<void> {
  const updates = changes.filter((change) => change.key.kind === 'workflowDef' && change.action === 'update');
  if (updates.length === 0 || options.allowInplace) return;
  const names = workflowNamesToCount({ ...session.plan, changes: updates });
  const counts = options.planFile
    ? (await readExecutionCounts(session.http, names, (message) => events({ type: 'warning', message })))?.byVersion
    : session.executionCounts;
  const hint = 'pass --allow-inplace to overwrite anyway (running executions keep their definition snapshot), or use the bump version policy';
  if (!counts) {
    throw new CliError('INPLACE_UNVERIFIED', 'cannot count running executions on this server, so in-place updates of workflow versions are refused', { hint });
  }
  const busy = updates.flatMap((change) => {
    const count = counts.get(`${change.key.name}@${change.key.version ?? 1}`);
    return count && count.RUNNING + count.PAUSED > 0 ? [`${change.key.name} v${change.key.version ?? 1} (${count.RUNNING} running, ${count.PAUSED} paused)`] : [];
  });
  if (busy.length > 0) {
    throw new CliError('INPLACE_HAS_EXECUTIONS', `refusing to update workflow versions that have executions in progress: ${busy.join(', ')}`, { hint });
  }
}
