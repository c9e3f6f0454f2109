/** `task create|update|list|get|get_all|delete`: task definitions, as the official CLI has them. */
import type { Command } from 'commander';
import { UsageError } from '../../../errors.js';
import type { CommandContext, GlobalOptions } from '../../context.js';
import { openClient, writeJson } from '../workflow/runtime-context.js';

type Options = GlobalOptions & { json?: boolean; csv?: boolean };
const app = () => import('../../../app/runtime/definitions.js');

export function registerTaskDefinitions(task: Command, ctx: CommandContext): void {
  task
    .command('create <file>')
    .description('register the task definition(s) of a JSON or YAML file (one object, an array, or a YAML stream); existing ones are replaced')
    .action(async (file: string, _o: unknown, command: Command) => {
      const client = await openClient(ctx, command);
      const names = await (await app()).createTaskDefs(client, { file, cwd: ctx.io.cwd });
      ctx.io.err(`registered ${names.length} task definition${names.length === 1 ? '' : 's'}: ${names.join(', ')}\n`);
    });

  task
    .command('update <file>')
    .description('update existing task definition(s) from a JSON or YAML file')
    .action(async (file: string, _o: unknown, command: Command) => {
      const client = await openClient(ctx, command);
      const names = await (await app()).updateTaskDefs(client, { file, cwd: ctx.io.cwd });
      ctx.io.err(`updated ${names.join(', ')}\n`);
    });

  task
    .command('list')
    .description('list task definitions')
    .option('--json', 'print the definitions as a JSON array')
    .option('--csv', "print CSV (the official CLI's columns)")
    .action(async (_o: unknown, command: Command) => {
      const o = command.optsWithGlobals<Options>();
      if (o.json && o.csv) throw new UsageError('choose one of --json and --csv');
      const client = await openClient(ctx, command);
      const defs = await (await app()).listTaskDefs(client);
      if (o.json) return writeJson(ctx, defs);
      const render = await import('../../../render/runtime-definitions.js');
      ctx.io.out(o.csv ? render.renderTaskDefCsv(defs) : render.renderTaskDefTable(defs, { width: ctx.io.width, color: ctx.io.color }));
    });

  task
    .command('get <taskType>')
    .description('print a task definition as JSON')
    .action(async (name: string, _o: unknown, command: Command) => {
      const client = await openClient(ctx, command);
      writeJson(ctx, await (await app()).getTaskDef(client, name));
    });

  task
    .command('get_all [regex]')
    .alias('get-all')
    .description('print every task definition as a JSON array; the regex filters names')
    .action(async (regex: string | undefined, _o: unknown, command: Command) => {
      const client = await openClient(ctx, command);
      writeJson(ctx, await (await app()).listTaskDefs(client, regex));
    });

  task
    .command('delete <taskType>')
    .description('delete a task definition')
    .action(async (name: string, _o: unknown, command: Command) => {
      const client = await openClient(ctx, command);
      await (await app()).deleteTaskDef(client, name);
      ctx.io.err(`task ${name} deleted\n`);
    });
}
