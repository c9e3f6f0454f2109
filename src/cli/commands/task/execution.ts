/** `task poll <type>` and `task update-execution`. */
import type { Command } from 'commander';
import { UsageError } from '../../../errors.js';
import type { CommandContext, GlobalOptions } from '../../context.js';
import { intArg, openClient, writeJson } from '../workflow/runtime-context.js';

type Options = GlobalOptions & {
  count?: number;
  workerId?: string;
  domain?: string;
  timeout?: number;
  workflowId?: string;
  taskRefName?: string;
  status?: string;
  output?: string;
};

export function registerTaskExecution(task: Command, ctx: CommandContext): void {
  task
    .command('poll <taskType>')
    .description('poll tasks of a type (they become IN_PROGRESS); prints them as a JSON array')
    .option('--count <n>', 'how many tasks at most (default 1)', intArg(1))
    .option('--worker-id <id>', 'worker id recorded on the tasks')
    .option('--domain <domain>', 'task domain')
    .option('--timeout <ms>', 'how long the server waits for a task, 0..5000 (default 100)', intArg(0))
    .action(async (taskType: string, _o: unknown, command: Command) => {
      const o = command.optsWithGlobals<Options>();
      const client = await openClient(ctx, command);
      const { pollTasks } = await import('../../../app/runtime/tasks.js');
      const tasks = await pollTasks(client, taskType, {
        ...(o.count ? { count: o.count } : {}),
        ...(o.workerId ? { workerId: o.workerId } : {}),
        ...(o.domain ? { domain: o.domain } : {}),
        ...(o.timeout !== undefined ? { timeoutMs: o.timeout } : {}),
      });
      writeJson(ctx, tasks);
      if (tasks.length === 0) ctx.io.err(`no ${taskType} task was waiting\n`);
    });

  task
    .command('update-execution')
    .description("set the status and output of an execution's pending task, by reference name; prints the task id")
    .option('--workflow-id <id>', 'the execution (required)')
    .option('--task-ref-name <ref>', 'task reference name (required)')
    .option('--status <status>', 'IN_PROGRESS, COMPLETED, FAILED, FAILED_WITH_TERMINAL_ERROR or CANCELED (required)')
    .option('--output <json>', 'task output (JSON object)')
    .option('--worker-id <id>', 'worker id recorded on the task')
    .action(async (_o: unknown, command: Command) => {
      const o = command.optsWithGlobals<Options>();
      if (!o.workflowId || !o.taskRefName || !o.status) throw new UsageError('--workflow-id, --task-ref-name and --status are required');
      const { parseOptionalJsonObject } = await import('../../../app/runtime/json-arg.js');
      const output = parseOptionalJsonObject(o.output, '--output');
      const client = await openClient(ctx, command);
      const { updateTaskExecution } = await import('../../../app/runtime/tasks.js');
      const taskId = await updateTaskExecution(client, {
        workflowId: o.workflowId,
        taskRefName: o.taskRefName,
        status: o.status,
        ...(output ? { output } : {}),
        ...(o.workerId ? { workerId: o.workerId } : {}),
      });
      ctx.io.out(`${taskId}\n`);
    });
}
