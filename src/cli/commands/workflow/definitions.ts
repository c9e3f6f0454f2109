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
    .command('delete [name] [version]')
    .description('delete one version of a workflow definition; without arguments, "name version" lines from stdin (as the official CLI)')
    .action(async (name: string | undefined, version: string | undefined, _o: unknown, command: Command) => {
      const refs = name === undefined ? await readRefsFromStdin(ctx) : [{ name, version: parseVersion(version, 'the <version> argument') }];
      const client = await openClient(ctx, command);
      const { deleteWorkflowDef } = await app();
      for (const ref of refs) {
        try {
          await deleteWorkflowDef(client, ref.name, ref.version);
          ctx.io.err(`workflow ${ref.name} version ${ref.version} deleted\n`);
        } catch (error) {
          // One bad line must not hide the others: report it, go on, exit 1 at the end.
          if (refs.length === 1) throw error;
          ctx.io.err(`workflow ${ref.name} version ${ref.version} not deleted: ${error instanceof Error ? error.message : String(error)}\n`);
          ctx.exitCode = 1;
        }
      }
    });
}

/** `name version` per line (blank lines and `#` comments skipped); refused on a terminal. */
async function readRefsFromStdin(ctx: CommandContext): Promise<{ name: string; version: number }[]> {
  if (ctx.io.isStdinTTY) throw new UsageError('workflow delete needs <name> <version>, or "name version" lines on stdin');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const refs = text
    .split('\n')
    .map((line, index) => ({ words: line.trim().split(/\s+/), line: index + 1 }))
    .filter(({ words }) => words[0] !== '' && !words[0]!.startsWith('#'))
    .map(({ words, line }) => {
      if (words.length !== 2) throw new UsageError(`stdin line ${line}: expected "name version", got "${words.join(' ')}"`);
      return { name: words[0]!, version: parseVersion(words[1], `stdin line ${line}`) };
    });
  if (refs.length === 0) throw new UsageError('workflow delete: no "name version" lines on stdin');
  return refs;
}

function parseVersion(value: string | undefined, where: string): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`${where}: expected a workflow version (a whole number), got ${value === undefined ? 'nothing' : `"${value}"`}`);
  return Number(value);
}
