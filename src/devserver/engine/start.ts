/**
 * Creating an execution (WorkflowExecutorOps#startWorkflow): the definition snapshot is
 * taken by the caller (definitions.ts), input is merged with the def's inputTemplate,
 * variables start from the def's, and the first decide runs before the id is returned, so the
 * first tasks are already scheduled (A1).
 */
import type { EngineContext } from './context.js';
import { decide } from './decider.js';
import type { Execution, JsonMap, WorkflowDef } from './model.js';
import { computeWorkflowInput } from './params.js';

export interface StartExecutionParams {
  workflowId: string;
  definition: WorkflowDef;
  input: JsonMap;
  correlationId?: string;
  priority?: number;
  taskToDomain?: Record<string, string>;
  createdBy?: string;
  idempotencyKey?: string;
  event?: string;
  parentWorkflowId?: string;
  parentWorkflowTaskId?: string;
}

export function startExecution(params: StartExecutionParams, ctx: EngineContext): Execution {
  const def = params.definition;
  const execution: Execution = {
    workflowId: params.workflowId,
    workflowName: def.name,
    workflowVersion: def.version,
    status: 'RUNNING',
    input: computeWorkflowInput(params.input, def.inputTemplate),
    output: {},
    variables: structuredClone(def.variables),
    ...(params.correlationId !== undefined ? { correlationId: params.correlationId } : {}),
    priority: params.priority ?? 0,
    createTime: ctx.now,
    updateTime: 0,
    endTime: 0,
    lastRetriedTime: 0,
    failedReferenceTaskNames: [],
    failedTaskNames: [],
    taskToDomain: params.taskToDomain ?? {},
    ownerApp: '',
    workflowDefinition: def,
    tasks: [],
    ...(params.createdBy !== undefined ? { createdBy: params.createdBy } : {}),
    ...(params.idempotencyKey !== undefined ? { idempotencyKey: params.idempotencyKey } : {}),
    ...(params.event !== undefined ? { event: params.event } : {}),
    ...(params.parentWorkflowId !== undefined ? { parentWorkflowId: params.parentWorkflowId } : {}),
    ...(params.parentWorkflowTaskId !== undefined ? { parentWorkflowTaskId: params.parentWorkflowTaskId } : {}),
  };
  ctx.changes.workflowChanged = true;
  ctx.changes.definitionChanged = true;
  decide(execution, ctx);
  return execution;
}
