/**
 * Starting and reading executions: `workflow start [--sync]`, `status`, `get-execution`.
 * Terminal statuses are RUNNING's opposites: COMPLETED, FAILED, TERMINATED, TIMED_OUT.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { JsonObject } from '../../core/model.js';
import { UsageError } from '../../errors.js';
import { fetchExecution, fetchExecutionStatus, postExecuteWorkflow, postStartWorkflow } from '../../conductor/workflow-api.js';
import { orNotFound, type RuntimeClient } from './client.js';
import { parseJsonObjectArgument } from './json-arg.js';

export interface StartExecutionOptions {
  name: string;
  version?: number;
  correlationId?: string;
  input: JsonObject;
}

/** Returns the new execution's id. */
export async function startExecution(client: RuntimeClient, options: StartExecutionOptions): Promise<string> {
  const call = { name: options.name, input: options.input, ...versionAndCorrelation(options) };
  const id = await orNotFound(postStartWorkflow(client, call), 'WORKFLOW_DEF_NOT_FOUND', describeDef(options));
  if (id === '') throw new UsageError('the server answered the start without a workflow id', { code: 'START_NO_ID' });
  return id;
}

export interface RunExecutionOptions extends StartExecutionOptions {
  /** Return as soon as one of these task references is terminal. */
  waitUntil?: string[];
  /** How long the server waits before answering with the current state (default 10). */
  timeoutSeconds?: number;
}

export interface RunExecutionResult {
  workflowId: string;
  status: string;
  output: JsonObject;
  /** True when the server stopped waiting before the workflow ended (or the task was reached). */
  timedOut: boolean;
  /** The whole WorkflowRun as the server sent it. */
  run: JsonObject;
}

/** Starts and waits (POST /workflow/execute/{name}/{version}). */
export async function runExecution(client: RuntimeClient, options: RunExecutionOptions): Promise<RunExecutionResult> {
  // node:crypto costs ~3 ms to load; `workflow status` (issue 6) loads this module without needing it.
  const { randomUUID } = await import('node:crypto');
  const run = await orNotFound(
    postExecuteWorkflow(client, {
      name: options.name,
      input: options.input,
      ...versionAndCorrelation(options),
      requestId: randomUUID(),
      ...(options.waitUntil ? { waitUntilTaskRef: options.waitUntil } : {}),
      ...(options.timeoutSeconds !== undefined ? { waitForSeconds: options.timeoutSeconds } : {}),
    }),
    'WORKFLOW_DEF_NOT_FOUND',
    describeDef(options),
  );
  const output = run['output'];
  return {
    workflowId: String(run['workflowId'] ?? run['targetWorkflowId'] ?? ''),
    status: String(run['status'] ?? run['targetWorkflowStatus'] ?? ''),
    output: output !== null && typeof output === 'object' && !Array.isArray(output) ? (output as JsonObject) : {},
    timedOut: run['signalTimeout'] === true,
    run,
  };
}

/** The status alone: RUNNING, COMPLETED, FAILED, TERMINATED, TIMED_OUT or PAUSED. */
export async function getExecutionStatus(client: RuntimeClient, workflowId: string): Promise<string> {
  const answer = await orNotFound(fetchExecutionStatus(client, workflowId), 'EXECUTION_NOT_FOUND', notFound(workflowId));
  return String(answer['status'] ?? '');
}

/**
 * The execution; with `complete`, its tasks and definition snapshot too. Without it the
 * tasks are not fetched and `workflowDefinition` is dropped, as the official CLI does.
 */
export async function getExecution(client: RuntimeClient, workflowId: string, complete: boolean): Promise<JsonObject> {
  const execution = await orNotFound(fetchExecution(client, workflowId, complete), 'EXECUTION_NOT_FOUND', notFound(workflowId));
  if (complete) return execution;
  const { workflowDefinition: _dropped, ...rest } = execution;
  return rest;
}

/** `-i <json>` or `-f <file>` (JSON object); neither → `{}`; both → UsageError. */
export async function readStartInput(input: string | undefined, file: string | undefined, cwd: string): Promise<JsonObject> {
  if (input !== undefined && file !== undefined) throw new UsageError('choose one of --input and --file');
  if (input !== undefined) return parseJsonObjectArgument(input, '--input');
  if (file === undefined) return {};
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { code: 'FILE_UNREADABLE' });
  }
  return parseJsonObjectArgument(text, `--file ${file}`);
}

export function notFound(workflowId: string): string {
  return `workflow execution ${workflowId} not found`;
}

function versionAndCorrelation(options: StartExecutionOptions): { version?: number; correlationId?: string } {
  return {
    ...(options.version ? { version: options.version } : {}),
    ...(options.correlationId !== undefined ? { correlationId: options.correlationId } : {}),
  };
}

function describeDef(options: StartExecutionOptions): string {
  return `workflow definition ${options.name}${options.version ? ` version ${options.version}` : ''} not found`;
}
