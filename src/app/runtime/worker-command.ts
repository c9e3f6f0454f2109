/**
 * Runs the worker command once for one task: the task JSON on stdin, the official
 * protocol's environment (TASK_TYPE, TASK_ID, WORKFLOW_ID, EXECUTION_ID, POLL_DOMAIN), and
 * an optional time limit after which the command is killed. Never throws.
 */
import { spawn } from 'node:child_process';
import type { JsonObject } from '../../core/model.js';
import type { CommandOutcome } from './worker-result.js';

export interface RunCommandOptions {
  command: string;
  args: readonly string[];
  /** The parent environment; the protocol's variables are added. */
  env: Readonly<Record<string, string | undefined>>;
  domain?: string;
  /** 0 or undefined: no limit. */
  timeoutSeconds?: number;
  cwd?: string;
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
}

export function runWorkerCommand(task: JsonObject, options: RunCommandOptions): Promise<CommandOutcome> {
  const workflowId = String(task['workflowInstanceId'] ?? '');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, {
    TASK_TYPE: String(task['taskType'] ?? ''),
    TASK_ID: String(task['taskId'] ?? ''),
    WORKFLOW_ID: workflowId,
    EXECUTION_ID: workflowId,
    ...(options.domain ? { POLL_DOMAIN: options.domain } : {}),
  });
  const timeoutSeconds = options.timeoutSeconds ?? 0;
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const finish = (outcome: Partial<CommandOutcome>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ exitCode: null, signal: null, timedOut, stdout, stderr, ...(timeoutSeconds > 0 ? { timeoutSeconds } : {}), ...outcome });
    };
    const child = spawn(options.command, [...options.args], { env, stdio: ['pipe', 'pipe', 'pipe'], ...(options.cwd ? { cwd: options.cwd } : {}) });
    const timer = timeoutSeconds > 0 ? setTimeout(() => ((timedOut = true), child.kill('SIGKILL')), timeoutSeconds * 1000) : undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => ((stdout += chunk), options.onOutput?.('stdout', chunk)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => ((stderr += chunk), options.onOutput?.('stderr', chunk)));
    child.on('error', (error) => finish({ spawnError: error.message }));
    child.on('close', (exitCode, signal) => finish({ exitCode, signal: timedOut ? null : signal }));
    // A command that does not read stdin closes the pipe early: that is not a failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${JSON.stringify(task)}\n`);
  });
}
