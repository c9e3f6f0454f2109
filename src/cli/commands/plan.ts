/**
 * `conductor plan`: what apply would change on the selected environment's server.
 * Exit codes: 0 no changes (or changes without --detailed-exitcode), 2 changes with
 * --detailed-exitcode, 3 invalid definitions or plan errors, 1 any other failure.
 */
import { homedir } from 'node:os';
import type { Command } from 'commander';
import type { Plan } from '../../core/plan-types.js';
import { UsageError } from '../../errors.js';
import type { CommandContext, GlobalOptions } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { resolveCliTarget } from './config.js';

type Options = GlobalOptions & {
  markdown?: boolean;
  out?: string;
  detailedExitcode?: boolean;
  target?: string[];
  prune?: boolean;
  force?: boolean;
};

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerPlan(program: Command, ctx: CommandContext): void {
  program
    .command('plan')
    .description("show what apply would change on the environment's server (nothing is changed)")
    .option('--json', 'print the versioned plan document (JSON)')
    .option('--markdown', 'print a pull-request comment (Markdown)')
    .option('--out <file>', 'also save the plan document, for `conductor apply <file>`')
    .option('--detailed-exitcode', 'exit 2 when there are changes, 0 when there are none')
    .option('--target <kind/name>', 'limit to taskDef/<name> or workflowDef/<name>[@version] and what it needs (repeatable)', collect)
    .option('--prune', "plan deletes of owned definitions in the environment's prune scope that the repo no longer has")
    .option('--force', 'with --prune: also delete workflow versions that have running executions')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<Options>();
      if (options.json && options.markdown) throw new UsageError('choose one of --json and --markdown');
      const target = await resolveCliTarget(ctx, options);
      const { planChanges } = await import('../../app/plan.js');
      const { writePlanFile } = await import('../../app/saved-plan.js');
      const { createEventWriter } = await import('./apply.js');
      const result = await planChanges({
        cwd: ctx.io.cwd,
        env: ctx.io.env,
        homeDir: homedir(),
        flags: options,
        target,
        prune: options.prune ?? false,
        force: options.force ?? false,
        ...(options.target ? { targets: options.target } : {}),
        events: createEventWriter(ctx),
      });
      const { plan } = result;
      if (options.out) await writePlanFile(plan, options.out, ctx.io.cwd);
      await writePlan(ctx, plan, options);
      const { renderDiagnostics } = await import('../../render/diagnostics-text.js');
      const diagnostics = [...result.warnings, ...plan.diagnostics];
      if (diagnostics.length > 0) ctx.io.err(renderDiagnostics(diagnostics, { color: ctx.io.errColor }));
      const errors = plan.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        const { ValidationError } = await import('../../errors.js');
        throw new ValidationError(`the plan has ${errors.length} error${errors.length === 1 ? '' : 's'}`, [], { code: 'PLAN_INVALID' });
      }
      const hasChanges = plan.changes.some((change) => change.action !== 'no-op');
      if (options.detailedExitcode && hasChanges) ctx.exitCode = ExitCode.changesPresent;
    });
}

async function writePlan(ctx: CommandContext, plan: Plan, options: Options): Promise<void> {
  if (options.json) {
    const { renderPlanJson } = await import('../../render/plan-json.js');
    ctx.io.out(renderPlanJson(plan));
  } else if (options.markdown) {
    const { renderPlanMarkdown } = await import('../../render/plan-markdown.js');
    ctx.io.out(renderPlanMarkdown(plan));
  } else {
    const { renderPlanText } = await import('../../render/plan-text.js');
    ctx.io.out(renderPlanText(plan, { color: ctx.io.color, width: ctx.io.width }));
  }
}
