/** `workflow create|update|list|get|get_all|delete`: workflow definitions, as the official CLI has them. */
import type { Command } from 'commander';
import { UsageError } from '../../../errors.js';
import type { CommandContext, GlobalOptions } from '../../context.js';
import { intArg, openClient, writeJson } from './runtime-context.js';

type Options = GlobalOptions & { json?: boolean; csv?: boolean; force?: boolean };
const app = () => import('../../../app/runtime/definitions.js');

export function registerWorkflowDefinitions(workflow: Command, ctx: CommandContext): void {
  workflow
    .command('create <file>')
    .description('register the workflow definition(s) of a JSON or YAML file; an existing name+version is refused unless --force')
    .option('--force', 'overwrite an existing name+version')
    .action(async (file: string, _o: unknown, command: Command) => {
      const o = command.optsWithGlobals<Options>();
      const client = await openClient(ctx, command);
      const refs = await (await app()).createWorkflowDefs(client, { file, cwd: ctx.io.cwd, force: o.force ?? false });
      for (const r of refs) ctx.io.err(`workflow ${r.name} version ${r.version} ${o.force ? 'registered (overwriting any existing one)' : 'registered'}\n`);
    });

  workflow
    .command('update <file>')
    .description('create or replace the workflow definition(s) of a JSON or YAML file')
    .action(async (file: string, _o: unknown, command: Command) => {
      const client = await openClient(ctx, command);
      const refs = await (await app()).updateWorkflowDefs(client, { file, cwd: ctx.io.cwd });
      for (const r of refs) ctx.io.err(`workflow ${r.name} version ${r.version} updated\n`);
    });

  workflow
    .command('list')
    .description('list workflow definitions (every version)')
    .option('--json', 'print the definitions as a JSON array')
    .option('--csv', 'print CSV (NAME, VERSION, DESCRIPTION)')
    .action(async (_o: unknown, command: Command) => {
      const o = command.optsWithGlobals<Options>();
      if (o.json && o.csv) throw new UsageError('choose one of --json and --csv');
      const client = await openClient(ctx, command);
      const defs = await (await app()).listWorkflowDefs(client);
      if (o.json) return writeJson(ctx, defs);
      const render = await import('../../../render/runtime-definitions.js');
      ctx.io.out(o.csv ? render.renderWorkflowDefCsv(defs) : render.renderWorkflowDefTable(defs, { width: ctx.io.width, color: ctx.io.color }));
    });

  workflow
    .command('get <name> [version]')
    .description('print a workflow definition (default: the highest version) as JSON')
    .action(async (name: string, version: string | undefined, _o: unknown, command: Command) => {
      const parsed = version === undefined ? undefined : intArg(0)(version);
      const client = await openClient(ctx, command);
      writeJson(ctx, await (await app()).getWorkflowDef(client, name, parsed));
    });

  workflow
    .command('get_all [regex]')
    .alias('get-all')
    .description('print every workflow definition as a JSON array; the regex filters names')
    .action(async (regex: string | undefined, _o: unknown, command: Command) => {
      const client = await openClient(ctx, command);
      writeJson(ctx, await (await app()).listWorkflowDefs(client, regex));
    });

  workflow
    .command('delete <name> <version>')
    .description('delete one version of a workflow definition')
    .action(async (name: string, version: string, _o: unknown, command: Command) => {
      const parsed = intArg(0)(version);
      const client = await openClient(ctx, command);
      await (await app()).deleteWorkflowDef(client, name, parsed);
      ctx.io.err(`workflow ${name} version ${parsed} deleted\n`);
    });
}
