/** `workflow rerun|skip-task|jump|delete-execution|update-state`. */
import type { Command } from 'commander';
import type { CommandContext, GlobalOptions } from '../../context.js';
import { intArg, openClient, writeJson } from './runtime-context.js';

type Options = GlobalOptions & {
  taskId?: string;
  correlationId?: string;
  taskInput?: string;
  taskOutput?: string;
  workflowInput?: string;
  archive?: boolean;
  variables?: string;
  taskUpdates?: string;
  requestId?: string;
  waitUntilTaskRef?: string;
  waitForSeconds?: number;
};

const app = () => import('../../../app/runtime/operations.js');
const json = () => import('../../../app/runtime/json-arg.js');

export function registerWorkflowOperations(workflow: Command, ctx: CommandContext): void {
  workflow
    .command('rerun <workflowId>')
    .description('rerun an execution from a task (or from the start); prints the id')
    .option('--task-id <id>', 'the task to rerun from')
    .option('--correlation-id <id>', 'new correlation id')
    .option('--task-input <json>', "that task's new input (JSON object)")
    .option('--workflow-input <json>', 'new workflow input (JSON object)')
    .action(async (id: string, _o: unknown, command: Command) => {
      const o = command.optsWithGlobals<Options>();
      const { parseOptionalJsonObject: parse } = await json();
      const taskInput = parse(o.taskInput, '--task-input');
      const workflowInput = parse(o.workflowInput, '--workflow-input');
      const client = await openClient(ctx, command);
      const rerunId = await (await app()).rerunExecution(client, id, {
        ...(o.taskId ? { reRunFromTaskId: o.taskId } : {}),
        ...(o.correlationId ? { correlationId: o.correlationId } : {}),
        ...(taskInput ? { taskInput } : {}),
        ...(workflowInput ? { workflowInput } : {}),
      });
      ctx.io.out(`${rerunId}\n`);
    });

  workflow
    .command('skip-task <workflowId> <taskReferenceName>')
    .description('skip a task; --task-output is what later tasks see as its output')
    .option('--task-input <json>', 'input recorded on the skipped task (JSON object)')
    .option('--task-output <json>', 'output of the skipped task (JSON object)')
    .action(async (id: string, ref: string, _o: unknown, command: Command) => {
      const o = command.optsWithGlobals<Options>();
      const { parseOptionalJsonObject: parse } = await json();
      const taskInput = parse(o.taskInput, '--task-input');
      const taskOutput = parse(o.taskOutput, '--task-output');
      const client = await openClient(ctx, command);
      await (await app()).skipTask(client, id, ref, { ...(taskInput ? { taskInput } : {}), ...(taskOutput ? { taskOutput } : {}) });
      ctx.io.err(`skipped ${ref} in ${id}\n`);
    });

  workflow
    .command('jump <workflowId> <taskReferenceName>')
    .description('move a running execution to a task (Orkes and the dev server; not OSS Conductor)')
    .option('--task-input <json>', "the task's input (JSON object)")
    .action(async (id: string, ref: string, _o: unknown, command: Command) => {
      const o = command.optsWithGlobals<Options>();
      const taskInput = (await json()).parseOptionalJsonObject(o.taskInput, '--task-input') ?? {};
      const client = await openClient(ctx, command);
      await (await app()).jumpToTask(client, id, ref, taskInput);
      ctx.io.err(`jumped to ${ref} in ${id}\n`);
    });

  workflow
    .command('delete-execution <workflowId>')
    .description('remove an execution')
    .option('-a, --archive', 'archive it (where the server has an archiving index) instead of removing it completely')
    .action(async (id: string, _o: unknown, command: Command) => {
      const o = command.optsWithGlobals<Options>();
      const client = await openClient(ctx, command);
      await (await app()).deleteExecution(client, id, o.archive ?? false);
      ctx.io.err(`deleted ${id}\n`);
    });

  workflow
    .command('update-state <workflowId>')
    .description('update variables and/or a task in one call; prints the execution (Orkes and the dev server)')
    .option('--variables <json>', 'variables to set (JSON object)')
    .option('--task-updates <json>', 'a TaskResult (JSON object; taskReferenceName or taskId picks the task)')
    .option('--request-id <id>', 'request id (default: random)')
    .option('--wait-until-task-ref <ref>', 'wait until this task is done before answering')
    .option('--wait-for-seconds <n>', 'longest wait (default 10)', intArg(1))
    .action(async (id: string, _o: unknown, command: Command) => {
      const o = command.optsWithGlobals<Options>();
      const { parseOptionalJsonObject: parse } = await json();
      const variables = parse(o.variables, '--variables');
      const taskUpdates = parse(o.taskUpdates, '--task-updates');
      const client = await openClient(ctx, command);
      const run = await (await app()).updateExecutionState(client, id, {
        ...(variables ? { variables } : {}),
        ...(taskUpdates ? { taskUpdates } : {}),
        ...(o.requestId ? { requestId: o.requestId } : {}),
        ...(o.waitUntilTaskRef ? { waitUntilTaskRef: o.waitUntilTaskRef } : {}),
        ...(o.waitForSeconds ? { waitForSeconds: o.waitForSeconds } : {}),
      });
      writeJson(ctx, run);
    });
}
