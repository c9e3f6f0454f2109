/**
 * `conductor validate [paths...] [--profile P] [--json] [--strict]`. Thin: app/ and render/
 * are loaded inside the action so `conductor --help` stays fast. The findings are the
 * command's result, so they go to stdout; the one-line summary goes to stderr. Exit 3 when
 * there are errors (or warnings with --strict), never an exception for findings.
 */
import type { Command } from 'commander';
import type { CommandContext, GlobalOptions } from '../context.js';
import { ExitCode } from '../exit-codes.js';

type Options = GlobalOptions & { json?: boolean; strict?: boolean; offline?: boolean };

export function registerValidate(program: Command, ctx: CommandContext): void {
  program
    .command('validate [paths...]')
    .description('check definitions (default: definitions/) against the schemas and Conductor rules; with --profile, also against the environment and its server')
    .option('--json', 'print one JSON document')
    .option('--strict', 'fail on warnings too')
    .option('--offline', "with --profile: apply the environment's selection and variables, but do not ask its server")
    .action(async (paths: string[], _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<Options>();
      const profile = options.profile ?? ctx.io.env['CONDUCTOR_PROFILE'];
      const { resolveCliTarget } = await import('./config.js');
      const target = profile ? await resolveCliTarget(ctx, options, { strict: !options.offline }) : undefined;
      const { validate } = await import('../../app/validate.js');
      const result = await validate({
        cwd: ctx.io.cwd,
        env: ctx.io.env,
        // Explicit paths are checked against the whole repo's definitions (definitions/).
        ...(paths.length > 0 ? { paths, contextPaths: ['definitions'] } : {}),
        ...(target ? { target } : {}),
        ...(options.offline ? { offline: true } : {}),
        events: (event) => {
          if (event.type === 'warning') ctx.io.err(`warning: ${event.message}\n`);
        },
      });
      const { renderDiagnostics, renderValidationSummary } = await import('../../render/diagnostics-text.js');
      if (options.json) ctx.io.out(`${JSON.stringify(result, null, 2)}\n`);
      else ctx.io.out(renderDiagnostics(result.diagnostics, { color: ctx.io.color }));
      const { errors, warnings } = result.summary;
      ctx.io.err(renderValidationSummary({ files: result.files, definitions: result.definitions, errors, warnings }, { color: ctx.io.errColor }));
      if (errors > 0 || (options.strict && warnings > 0)) ctx.exitCode = ExitCode.invalid;
    });
}
