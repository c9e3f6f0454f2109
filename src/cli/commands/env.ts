/**
 * `conductor env list` and `conductor env show [name]`. Thin: app/ and render/ are loaded
 * inside the actions so startup stays fast.
 */
import type { Command } from 'commander';
import type { CommandContext, GlobalOptions } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { resolveCliTarget } from './config.js';

type Options = GlobalOptions & { json?: boolean };

export function registerEnv(program: Command, ctx: CommandContext): void {
  const env = program.command('env').description('environments of this repo (environments/<name>.yaml)');

  env
    .command('list')
    .description('list the environments with their server URL and type')
    .option('--json', 'print one JSON document')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<Options>();
      const { listEnvironments } = await import('../../app/environments.js');
      const result = await listEnvironments({ cwd: ctx.io.cwd });
      if (options.json) {
        ctx.io.out(`${JSON.stringify({ environments: result.environments, diagnostics: result.diagnostics }, null, 2)}\n`);
      } else {
        const { renderEnvironmentList } = await import('../../render/env-text.js');
        ctx.io.out(renderEnvironmentList(result.environments, { color: ctx.io.color }));
      }
      if (result.diagnostics.length > 0) {
        const { renderDiagnostics } = await import('../../render/diagnostics-text.js');
        ctx.io.err(renderDiagnostics(result.diagnostics, { color: ctx.io.errColor }));
        if (result.environments.some((e) => !e.isValid)) ctx.exitCode = ExitCode.invalid;
      }
    });

  env
    .command('show [name]')
    .description('show the resolved connection settings and the source of each (secrets masked); name defaults to --profile')
    .option('--json', 'print one JSON document')
    .action(async (name: string | undefined, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<Options>();
      const target = await resolveCliTarget(ctx, name === undefined ? options : { ...options, profile: name }, { strict: false });
      const { buildTargetView } = await import('../../core/environment-target.js');
      const { buildEnvironmentView } = await import('../../core/environment.js');
      const view = buildTargetView(target);
      const environment = target.environment ? buildEnvironmentView(target.environment) : undefined;
      if (options.json) {
        ctx.io.out(`${JSON.stringify({ ...view, environment: environment ?? null }, null, 2)}\n`);
      } else {
        const { renderEnvironmentShow } = await import('../../render/env-text.js');
        ctx.io.out(renderEnvironmentShow(view, environment, { color: ctx.io.color }));
      }
    });
}
