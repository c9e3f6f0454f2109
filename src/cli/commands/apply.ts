/**
 * `conductor apply [plan.json]`: plan (or take a saved plan), show it, confirm, apply.
 * Progress goes to stderr (a live line on a terminal, plain lines otherwise); the summary or
 * the JSON result goes to stdout. Exit 1 when any change failed or was skipped, 5 when not
 * confirmed. Over ~80 lines because the prompt and the live progress line (terminal work)
 * live here.
 */
import { homedir } from 'node:os';
import type { Command } from 'commander';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Plan } from '../../core/plan-types.js';
import { AbortError, ApplyFailedError, UsageError } from '../../errors.js';
import type { ApplyProgressEvent, ProgressOutput } from '../../render/apply-progress.js';
import type { CommandContext, GlobalOptions } from '../context.js';
import { resolveCliTarget } from './config.js';

type Options = GlobalOptions & { autoApprove?: boolean; parallelism?: string; prune?: boolean; force?: boolean; allowInplace?: boolean; target?: string[] };

/** With --auto-approve, more creates than this are listed one line each (render/plan-text.ts). */
const COMPACT_CREATES_OVER = 100;

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerApply(program: Command, ctx: CommandContext): void {
  program
    .command('apply [plan-file]')
    .description("apply the repo's definitions to the environment's server, or exactly a plan saved with `plan --out`")
    .option('--auto-approve', 'apply without asking (also -y/--yes); required when there is no terminal')
    .option('--parallelism <n>', "concurrent requests (default: the environment's, else 4)")
    .option('--prune', "delete owned definitions in the environment's prune scope that the repo no longer has")
    .option('--force', 'with --prune: also delete workflow versions that have running executions')
    .option('--allow-inplace', 'in-place policy: overwrite workflow versions even when they have running executions')
    .option('--target <kind/name>', 'limit to taskDef/<name> or workflowDef/<name>[@version] and what it needs (repeatable)', collect)
    .option('--json', 'print the plan and the result as one JSON document')
    .action(async (planFile: string | undefined, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<Options>();
      const parallelism = parseParallelism(options.parallelism);
      if (planFile && (options.prune || options.force || options.target)) {
        throw new UsageError('--prune, --force and --target shape a plan: give them to `conductor plan --out`, not with a saved plan');
      }
      const target = await resolveCliTarget(ctx, options);
      const { applyChanges } = await import('../../app/apply.js');
      const events = createEventWriter(ctx);
      let isPlanShown = false;
      const result = await applyChanges({
        cwd: ctx.io.cwd, env: ctx.io.env, homeDir: homedir(), flags: options, target, events,
        prune: options.prune ?? false, force: options.force ?? false, allowInplace: options.allowInplace ?? false,
        ...(options.target ? { targets: options.target } : {}),
        ...(planFile ? { planFile } : {}),
        ...(parallelism !== undefined ? { parallelism } : {}),
        confirm: async (plan) => {
          isPlanShown = true;
          return confirmPlan(ctx, plan, options, events, target.serverUrl.replace(/\/\/[^/@]*@/, '//'));
        },
        clock: () => ctx.now().getTime(),
      });
      events.finish();
      await printDiagnostics(ctx, [...result.warnings, ...(isPlanShown ? [] : result.plan.diagnostics)]);
      const { buildApplyJson, renderApplySummary } = await import('../../render/apply-text.js');
      if (options.json) {
        const { renderPlanJson } = await import('../../render/plan-json.js');
        ctx.io.out(`${JSON.stringify({ plan: JSON.parse(renderPlanJson(result.plan)) as unknown, apply: buildApplyJson(result) }, null, 2)}\n`);
      } else ctx.io.out(renderApplySummary(result, { color: ctx.io.color }));
      const notApplied = result.failed.length + result.skipped.length;
      if (notApplied > 0) throw new ApplyFailedError(`${notApplied} of ${notApplied + result.applied.length} changes were not applied`, result);
    });
}

function parseParallelism(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--parallelism must be an integer from 1 to 64, got "${value}"`);
  return n;
}

async function confirmPlan(ctx: CommandContext, plan: Plan, options: Options, events: EventWriter, server: string): Promise<boolean> {
  const total = plan.changes.filter((change) => change.action !== 'no-op').length;
  if (!options.json) {
    const { renderPlanText } = await import('../../render/plan-text.js');
    // Unattended (--auto-approve), nobody reviews 1,000 definitions before they apply: list big batches of creates compactly.
    const compact = options.autoApprove || options.yes ? { compactCreatesOver: COMPACT_CREATES_OVER } : {};
    ctx.io.out(renderPlanText(plan, { color: ctx.io.color, width: ctx.io.width, ...compact }));
  }
  await printDiagnostics(ctx, plan.diagnostics);
  await events.start(total);
  if (options.autoApprove || options.yes) return true;
  if (!ctx.io.isStdinTTY || !ctx.io.isStderrTTY) {
    throw new AbortError('Not applied: there is no terminal to confirm on. Pass --auto-approve (or --yes) to apply without asking.');
  }
  const { createInterface } = await import('node:readline/promises');
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await prompt.question(`Apply ${total} change${total === 1 ? '' : 's'} to ${plan.environment} (${server})? Only 'yes' is accepted: `)).trim() === 'yes';
  } finally {
    prompt.close();
  }
}

/** Plan warnings (targeted plan, not owned, drift overwritten…) go to stderr, as `plan` does. */
async function printDiagnostics(ctx: CommandContext, diagnostics: readonly Diagnostic[]): Promise<void> {
  if (diagnostics.length === 0) return;
  const { renderDiagnostics } = await import('../../render/diagnostics-text.js');
  ctx.io.err(renderDiagnostics([...diagnostics], { color: ctx.io.errColor }));
}

export interface EventWriter {
  (event: ApplyProgressEvent): void;
  /** Switches to apply progress once the number of changes is known. */
  start(total: number): Promise<void>;
  /** Clears the live line. */
  finish(): void;
}

/** Progress and warnings to stderr; a live status line only when stderr is a terminal. */
export function createEventWriter(ctx: CommandContext): EventWriter {
  const isLive = ctx.io.isStderrTTY;
  let progress: { handle(event: ApplyProgressEvent): ProgressOutput } | undefined;
  let isLiveShown = false;
  const clear = () => {
    if (isLiveShown) ctx.io.err('\r\u001b[K');
    isLiveShown = false;
  };
  const write = (output: ProgressOutput) => {
    if (output.lines.length > 0 || output.live !== undefined) clear();
    for (const line of output.lines) ctx.io.err(line);
    if (isLive && output.live !== undefined) {
      ctx.io.err(output.live);
      isLiveShown = true;
    }
  };
  const writer = ((event: ApplyProgressEvent) => {
    if (progress) write(progress.handle(event));
    else if (event.type === 'step' || event.type === 'warning') write({ lines: [event.type === 'step' ? `${event.message}…\n` : `warning: ${event.message}\n`] });
  }) as EventWriter;
  writer.start = async (total) => {
    const { createApplyProgress } = await import('../../render/apply-progress.js');
    progress = createApplyProgress(total, { color: ctx.io.errColor, width: ctx.io.width, isLive });
  };
  writer.finish = clear;
  return writer;
}
