/**
 * `conductor worker stdio --type T [flags] <command...>`: the official CLI's stdio worker
 * protocol (conductor-api.md §8). The loop lives in app/runtime/worker-stdio.ts and takes an
 * AbortSignal; this file owns the signals: the first SIGINT/SIGTERM stops polling and lets
 * running tasks finish, a second one exits at once. Put `--` before a command whose own
 * flags collide with global ones (`-v`, `-y`).
 */
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CommandContext, GlobalOptions } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { intArg, openClient } from './workflow/runtime-context.js';

type Options = GlobalOptions & {
  type?: string;
  count?: number;
  workerId?: string;
  domain?: string;
  pollTimeout?: number;
  execTimeout?: number;
};

export function registerWorker(program: Command, ctx: CommandContext): void {
  const worker = program.command('worker').description('run workers').enablePositionalOptions();
  worker
    .command('stdio <command...>')
    .description('poll tasks of --type and run <command> once per task: task JSON on stdin, result JSON on stdout')
    .passThroughOptions()
    .option('--type <taskType>', 'task type to poll (required)')
    .option('--count <n>', 'tasks run in parallel (default 1)', intArg(1))
    .option('--worker-id <id>', 'worker id sent with polls and results')
    .option('--domain <domain>', 'task domain (also passed as POLL_DOMAIN)')
    .option('--poll-timeout <ms>', 'long-poll wait, 0..5000 ms (default 100)', intArg(0))
    .option('--exec-timeout <seconds>', 'kill a command after this long and fail its task (default: no limit)', intArg(0))
    .action(async (argv: string[], _o: unknown, command: Command) => {
      const o = command.optsWithGlobals<Options>();
      if (!o.type) throw new UsageError('--type <taskType> is required');
      if (o.pollTimeout !== undefined && o.pollTimeout > 5000) throw new UsageError('--poll-timeout must be 0..5000 ms');
      const [program_, ...args] = argv;
      const client = await openClient(ctx, command);
      const { runStdioWorker } = await import('../../app/runtime/worker-stdio.js');
      const controller = new AbortController();
      const restore = takeOverSignals(ctx, controller);
      ctx.io.err(`polling ${o.type} (up to ${o.count ?? 1} at a time); Ctrl-C stops\n`);
      try {
        const result = await runStdioWorker(client, {
          taskType: o.type,
          command: program_!,
          args,
          env: ctx.io.env,
          signal: controller.signal,
          ...(o.count ? { concurrency: o.count } : {}),
          ...(o.workerId ? { workerId: o.workerId } : {}),
          ...(o.domain ? { domain: o.domain } : {}),
          ...(o.pollTimeout !== undefined ? { pollTimeoutMs: o.pollTimeout } : {}),
          ...(o.execTimeout ? { execTimeoutSeconds: o.execTimeout } : {}),
          events: {
            taskStarted: (t) => o.verbose && ctx.io.err(`${String(t['taskId'])} started (workflow ${String(t['workflowInstanceId'])})\n`),
            taskFinished: (s) => ctx.io.err(`${s.taskId} ${s.status} in ${s.durationMs} ms${s.reason ? `: ${s.reason}` : ''}\n`),
            ...(o.verbose ? { output: (id: string, stream: string, text: string) => ctx.io.err(prefixLines(`${id} ${stream}| `, text)) } : {}),
            pollFailed: (e, ms) => ctx.io.err(`warning: poll failed: ${(e as Error).message}; retrying in ${ms} ms\n`),
            updateFailed: (id, e) => ctx.io.err(`error: the result of ${id} was not accepted: ${(e as Error).message}\n`),
          },
        });
        ctx.io.err(`stopped: ${result.processed} task${result.processed === 1 ? '' : 's'} run, ${result.failed} failed\n`);
        if (result.updateErrors > 0) ctx.exitCode = ExitCode.failure;
      } finally {
        restore();
      }
    });
}

/**
 * cli/main.ts exits on SIGINT at once; while the worker runs, its listeners are set aside so
 * the first signal only stops polling. They are put back afterwards.
 */
function takeOverSignals(ctx: CommandContext, controller: AbortController): () => void {
  const saved = process.listeners('SIGINT');
  process.removeAllListeners('SIGINT');
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      process.exit(ExitCode.interrupted);
    }
    ctx.io.err(`${signal}: no new tasks; waiting for running ones to finish (again to exit now)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    for (const listener of saved) process.on('SIGINT', listener as NodeJS.SignalsListener);
  };
}

function prefixLines(prefix: string, text: string): string {
  return text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1).map((line) => `${prefix}${line}\n`).join('');
}
