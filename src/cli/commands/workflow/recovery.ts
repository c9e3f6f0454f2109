/**
 * `workflow retry|restart|terminate|pause|resume <ids...>` or `--from-search <search flags>`:
 * one result line per id on stdout, exit 1 if any failed (issue 6).
 */
import type { Command } from 'commander';
import type { RecoveryAction } from '../../../app/runtime/bulk.js';
import { UsageError } from '../../../errors.js';
import type { CommandContext, GlobalOptions } from '../../context.js';
import { ExitCode } from '../../exit-codes.js';
import { openClient, writeJson } from './runtime-context.js';
import { addSearchFlags, buildSearchOptions, hasSearchFilter, type SearchFlags } from './search-flags.js';

type Options = GlobalOptions &
  SearchFlags & { fromSearch?: boolean; json?: boolean; useLatest?: boolean; resumeSubworkflowTasks?: boolean; reason?: string };

const DESCRIPTIONS: Record<RecoveryAction, string> = {
  retry: 'retry failed executions from their failed tasks (completed tasks are not re-run)',
  restart: 'restart ended executions from the beginning, with the same id',
  terminate: 'terminate running or paused executions',
  pause: 'pause running executions (running tasks finish, nothing new is scheduled)',
  resume: 'resume paused executions',
};

const SEARCH_DEFAULT = 1000;

export function registerWorkflowRecovery(workflow: Command, ctx: CommandContext): void {
  for (const action of Object.keys(DESCRIPTIONS) as RecoveryAction[]) {
    const command = workflow
      .command(`${action} [workflowIds...]`)
      .description(`${DESCRIPTIONS[action]}; several ids use the bulk API`)
      .option('--from-search', `act on the executions the search flags find (default --count ${SEARCH_DEFAULT})`)
      .option('--json', 'print {action, results, failed}');
    if (action === 'restart') command.option('--use-latest', 'use the latest version of the workflow definition');
    if (action === 'retry') command.option('--resume-subworkflow-tasks', 'resume failed sub-workflows instead of retrying their task');
    if (action === 'terminate') command.option('--reason <text>', 'reason recorded on the execution', 'terminated with conductor workflow terminate');
    addSearchFlags(command, SEARCH_DEFAULT).action(async (ids: string[], _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<Options>();
      await runRecovery(ctx, cmd, action, ids, o);
    });
  }
}

async function runRecovery(ctx: CommandContext, command: Command, action: RecoveryAction, ids: string[], o: Options): Promise<void> {
  if (o.fromSearch && ids.length > 0) throw new UsageError('give workflow ids or --from-search, not both');
  if (!o.fromSearch && ids.length === 0) throw new UsageError(`give one or more workflow ids, or --from-search with search flags`);
  if (!o.fromSearch && hasSearchFilter(o)) throw new UsageError('search flags need --from-search');
  if (o.fromSearch && !hasSearchFilter(o)) throw new UsageError('--from-search needs at least one of --workflow, --status, --correlation, --start-time-after, --start-time-before');
  const client = await openClient(ctx, command);
  let targets = ids;
  if (o.fromSearch) {
    const { searchExecutions } = await import('../../../app/runtime/search.js');
    const found = await searchExecutions(client, await buildSearchOptions(o, SEARCH_DEFAULT));
    targets = found.executions.map((e) => String(e['workflowId']));
    ctx.io.err(`${targets.length} execution${targets.length === 1 ? '' : 's'} found (query: ${found.query})\n`);
    if (found.totalHits > targets.length) ctx.io.err(`warning: ${found.totalHits - targets.length} more match; run again for the rest\n`);
    if (targets.length === 0) return o.json ? writeJson(ctx, { action, results: [], failed: 0 }) : undefined;
  }
  const { recoverExecutions } = await import('../../../app/runtime/bulk.js');
  const result = await recoverExecutions(client, {
    action,
    ids: targets,
    ...(o.useLatest ? { useLatestDefinitions: true } : {}),
    ...(o.resumeSubworkflowTasks ? { resumeSubworkflowTasks: true } : {}),
    ...(o.reason !== undefined ? { reason: o.reason } : {}),
    onProgress: (done, total) => (total > 1000 && ctx.io.isStderrTTY ? ctx.io.err(`${done}/${total}\n`) : undefined),
  });
  if (o.json) writeJson(ctx, result);
  else {
    const { renderRecoveryResults } = await import('../../../render/runtime-recovery.js');
    ctx.io.out(renderRecoveryResults(action, result.results, { color: ctx.io.color }));
  }
  if (result.failed > 0) ctx.exitCode = ExitCode.failure;
}
