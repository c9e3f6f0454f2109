/** `workflow start|status|get-execution|search`. */
import type { Command } from 'commander';
import { UsageError } from '../../../errors.js';
import type { CommandContext, GlobalOptions } from '../../context.js';
import { ExitCode } from '../../exit-codes.js';
import { intArg, openClient, writeJson } from './runtime-context.js';
import { addSearchFlags, buildSearchOptions, type SearchFlags } from './search-flags.js';

type StartOptions = GlobalOptions & {
  workflow?: string;
  input?: string;
  file?: string;
  version?: number;
  correlation?: string;
  sync?: boolean;
  waitUntil?: string;
  timeout?: number;
  full?: boolean;
  json?: boolean;
};

export function registerWorkflowExecutions(workflow: Command, ctx: CommandContext): void {
  workflow
    .command('start')
    .description('start an execution; prints its id (with --sync: waits and prints its output)')
    .option('-w, --workflow <name>', 'workflow name (required)')
    .option('-i, --input <json>', 'input as a JSON object')
    .option('-f, --file <file>', 'input from a JSON file')
    .option('--version <n>', 'workflow version (default: the latest)', intArg(1))
    .option('--correlation <id>', 'correlation id')
    .option('--sync', 'wait until the execution ends (or --wait-until), then print its output')
    .option('-u, --wait-until <refs>', 'with --sync: return once one of these task references (comma-separated) is done')
    .option('--timeout <seconds>', 'with --sync: how long the server waits before answering (default 10)', intArg(1))
    .option('--full', 'with --sync: print the whole execution, not only its output')
    .option('--json', 'print {"workflowId": …} instead of the bare id')
    .action(async (_o: unknown, command: Command) => {
      const o = command.optsWithGlobals<StartOptions>();
      if (!o.workflow) throw new UsageError('--workflow <name> is required');
      if (!o.sync && (o.waitUntil || o.timeout !== undefined || o.full)) throw new UsageError('--wait-until, --timeout and --full need --sync');
      const app = await import('../../../app/runtime/executions.js');
      const input = await app.readStartInput(o.input, o.file, ctx.io.cwd);
      const client = await openClient(ctx, command);
      const start = { name: o.workflow, input, ...(o.version ? { version: o.version } : {}), ...(o.correlation !== undefined ? { correlationId: o.correlation } : {}) };
      if (!o.sync) {
        const workflowId = await app.startExecution(client, start);
        return o.json ? writeJson(ctx, { workflowId }) : ctx.io.out(`${workflowId}\n`);
      }
      const waitUntil = o.waitUntil?.split(',').map((r) => r.trim()).filter((r) => r !== '');
      const run = await app.runExecution(client, { ...start, ...(waitUntil ? { waitUntil } : {}), ...(o.timeout ? { timeoutSeconds: o.timeout } : {}) });
      writeJson(ctx, o.full ? run.run : run.output);
      if (run.timedOut) ctx.io.err(`warning: ${run.workflowId} is still ${run.status} after ${o.timeout ?? 10} s (raise --timeout, or follow it with \`conductor workflow status ${run.workflowId}\`)\n`);
      else if (['FAILED', 'TERMINATED', 'TIMED_OUT'].includes(run.status)) {
        ctx.io.err(`error: workflow execution ${run.workflowId} ended ${run.status}\n`);
        ctx.exitCode = ExitCode.failure;
      }
    });

  workflow
    .command('status <workflowId...>')
    .description('print the status: RUNNING, COMPLETED, FAILED, TERMINATED, TIMED_OUT or PAUSED')
    .option('--json', 'print {"workflowId", "status"} objects')
    .action(async (ids: string[], _o: unknown, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const [client, { getExecutionStatus }] = await Promise.all([openClient(ctx, command), import('../../../app/runtime/executions.js')]);
      const results: { workflowId: string; status: string }[] = [];
      for (const workflowId of ids) results.push({ workflowId, status: await getExecutionStatus(client, workflowId) });
      if (o.json) return writeJson(ctx, ids.length === 1 ? results[0] : results);
      ctx.io.out(results.map((r) => (ids.length === 1 ? `${r.status}\n` : `${r.workflowId}\t${r.status}\n`)).join(''));
    });

  workflow
    .command('get-execution <workflowId>')
    .description('print the execution as JSON')
    .option('-c, --complete', 'include its tasks and definition snapshot')
    .action(async (id: string, _o: unknown, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { complete?: boolean }>();
      const [client, { getExecution }] = await Promise.all([openClient(ctx, command), import('../../../app/runtime/executions.js')]);
      writeJson(ctx, await getExecution(client, id, o.complete ?? false));
    });

  addSearchFlags(workflow.command('search [freeText]').description('find executions, newest first'), 10)
    .option('--json', 'print a JSON array of execution summaries')
    .option('--csv', 'print CSV')
    .action(async (freeText: string | undefined, _o: unknown, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & SearchFlags & { json?: boolean; csv?: boolean }>();
      if (o.json && o.csv) throw new UsageError('choose one of --json and --csv');
      const options = await buildSearchOptions(o, 10);
      const client = await openClient(ctx, command);
      const { searchExecutions } = await import('../../../app/runtime/search.js');
      const result = await searchExecutions(client, { ...options, ...(freeText ? { freeText } : {}) });
      if (o.json) writeJson(ctx, result.executions);
      else {
        const render = await import('../../../render/executions-table.js');
        ctx.io.out(o.csv ? render.renderExecutionsCsv(result.executions) : render.renderExecutionsTable(result.executions, { width: ctx.io.width, color: ctx.io.color }));
      }
      if (result.totalHits > result.executions.length) ctx.io.err(`showing ${result.executions.length} of ${result.totalHits} executions (raise --count, up to 1000)\n`);
    });
}
