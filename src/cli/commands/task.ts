/** `conductor task …`: task definitions and task executions (the official CLI's commands). */
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerTaskDefinitions } from './task/definitions.js';
import { registerTaskExecution } from './task/execution.js';

export function registerTask(program: Command, ctx: CommandContext): void {
  const task = program.command('task').description("task definitions and executions (the official CLI's commands)");
  registerTaskDefinitions(task, ctx);
  registerTaskExecution(task, ctx);
}
