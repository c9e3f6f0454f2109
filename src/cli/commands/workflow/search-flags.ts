/** The search flags shared by `workflow search` and the `--from-search` of recovery commands. */
import type { Command } from 'commander';
import type { SearchExecutionsOptions } from '../../../app/runtime/search.js';
import { collect, intArg } from './runtime-context.js';

export interface SearchFlags {
  workflow?: string[];
  status?: string[];
  correlation?: string;
  count?: number;
  startTimeAfter?: string;
  startTimeBefore?: string;
}

export function addSearchFlags(command: Command, defaultCount: number): Command {
  return command
    .option('-w, --workflow <name>', 'workflow name (repeatable, or comma-separated)', collect)
    .option('-s, --status <status>', 'RUNNING, COMPLETED, FAILED, TIMED_OUT, TERMINATED or PAUSED (repeatable, or comma-separated)', collect)
    .option('--correlation <id>', 'correlation id')
    .option('-c, --count <n>', `how many executions, 1..1000 (default ${defaultCount})`, intArg(1))
    .option('--start-time-after <time>', 'started after: YYYY-MM-DD, "YYYY-MM-DD HH:MM:SS" (UTC) or epoch ms')
    .option('--start-time-before <time>', 'started before: same forms');
}

/** Turns the flags into app options (time parsing throws UsageError). */
export async function buildSearchOptions(flags: SearchFlags, defaultCount: number): Promise<SearchExecutionsOptions> {
  const { parseTimeArgument } = await import('../../../app/runtime/time.js');
  const names = (flags.workflow ?? []).flatMap((w) => w.split(',')).map((w) => w.trim()).filter((w) => w !== '');
  return {
    count: flags.count ?? defaultCount,
    ...(names.length > 0 ? { workflowNames: names } : {}),
    ...(flags.status ? { statuses: flags.status } : {}),
    ...(flags.correlation !== undefined ? { correlationId: flags.correlation } : {}),
    ...(flags.startTimeAfter !== undefined ? { startTimeAfter: parseTimeArgument(flags.startTimeAfter, '--start-time-after') } : {}),
    ...(flags.startTimeBefore !== undefined ? { startTimeBefore: parseTimeArgument(flags.startTimeBefore, '--start-time-before') } : {}),
  };
}

export function hasSearchFilter(flags: SearchFlags): boolean {
  return Boolean(flags.workflow?.length || flags.status?.length || flags.correlation || flags.startTimeAfter || flags.startTimeBefore);
}
