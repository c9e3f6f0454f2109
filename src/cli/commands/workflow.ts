/**
 * `conductor workflow …`: the official CLI's workflow commands (definitions, executions,
 * recovery, operations), each group in src/cli/commands/workflow/. Thin: app/runtime does
 * the work, render/ the text, and both load lazily inside the actions.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerWorkflowDefinitions } from './workflow/definitions.js';
import { registerWorkflowExecutions } from './workflow/executions.js';
import { registerWorkflowOperations } from './workflow/operations.js';
import { registerWorkflowRecovery } from './workflow/recovery.js';

export function registerWorkflow(program: Command, ctx: CommandContext): void {
  const workflow = program.command('workflow').description('workflow definitions and executions (the official CLI\'s commands)');
  registerWorkflowDefinitions(workflow, ctx);
  registerWorkflowExecutions(workflow, ctx);
  registerWorkflowRecovery(workflow, ctx);
  registerWorkflowOperations(workflow, ctx);
}
