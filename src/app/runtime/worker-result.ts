/**
 * The `worker stdio` protocol's result side (conductor-api.md §8, the official CLI's
 * WORKER_STDIO.md): the command prints one JSON object
 * `{"status": "COMPLETED"|"FAILED"|"IN_PROGRESS", "output": {...}, "logs": [...], "reason": "..."}`.
 * A non-zero exit, a timeout or invalid JSON becomes FAILED with the reason, and the
 * command's stderr goes into the task logs. Pure: the clock comes in.
 */
import type { JsonObject } from '../../core/model.js';
import type { TaskResultBody } from '../../conductor/task-api.js';

/** How the command ended. */
export interface CommandOutcome {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Set when the command could not be started at all (ENOENT…). */
  spawnError?: string;
  /** The --exec-timeout in seconds, for the message. */
  timeoutSeconds?: number;
}

const ALLOWED = ['COMPLETED', 'FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'IN_PROGRESS'];
const MAX_LOG_CHARS = 4000;

export interface WorkerReply {
  status: string;
  output: JsonObject;
  logs: string[];
  reason?: string;
  callbackAfterSeconds?: number;
}

/** Parses the command's stdout: the whole text, or else its last non-empty line, as one JSON object. */
export function parseWorkerReply(stdout: string): WorkerReply | { error: string } {
  const text = stdout.trim();
  if (text === '') return { error: 'invalid worker stdout JSON: empty output' };
  let value = tryParse(text);
  if (value === undefined) value = tryParse(text.split('\n').filter((l) => l.trim() !== '').pop() ?? '');
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: `invalid worker stdout JSON: expected one object, got ${excerpt(text)}` };
  }
  const reply = value as JsonObject;
  const status = typeof reply['status'] === 'string' ? reply['status'].toUpperCase() : '';
  if (!ALLOWED.includes(status)) return { error: `invalid status from worker: ${status === '' ? '(none)' : String(reply['status'])}` };
  const output = reply['output'];
  const logs = Array.isArray(reply['logs']) ? reply['logs'].map((l) => (typeof l === 'string' ? l : JSON.stringify(l))) : [];
  return {
    status,
    output: output !== null && typeof output === 'object' && !Array.isArray(output) ? (output as JsonObject) : {},
    logs,
    ...(typeof reply['reason'] === 'string' && reply['reason'] !== '' ? { reason: reply['reason'] } : {}),
    ...(typeof reply['callbackAfterSeconds'] === 'number' ? { callbackAfterSeconds: reply['callbackAfterSeconds'] } : {}),
  };
}

/** The TaskResult to POST for one polled task. */
export function buildTaskResult(task: JsonObject, outcome: CommandOutcome, options: { workerId?: string; now: number }): TaskResultBody & { callbackAfterSeconds?: number } {
  const base = {
    taskId: String(task['taskId'] ?? ''),
    workflowInstanceId: String(task['workflowInstanceId'] ?? ''),
    ...(options.workerId ? { workerId: options.workerId } : {}),
  };
  const log = (line: string) => ({ log: line, createdTime: options.now });
  const failure = describeFailure(outcome);
  const reply = failure === undefined ? parseWorkerReply(outcome.stdout) : { error: failure };
  if ('error' in reply) {
    const stderr = outcome.stderr.trim();
    return {
      ...base,
      status: 'FAILED',
      reasonForIncompletion: reply.error.slice(0, 500),
      outputData: {},
      logs: [log(reply.error), ...(stderr ? [log(`stderr: ${tail(stderr)}`)] : [])],
    };
  }
  return {
    ...base,
    status: reply.status,
    outputData: reply.output,
    ...(reply.reason ? { reasonForIncompletion: reply.reason.slice(0, 500) } : {}),
    ...(reply.callbackAfterSeconds !== undefined ? { callbackAfterSeconds: reply.callbackAfterSeconds } : {}),
    logs: reply.logs.map(log),
  };
}

function describeFailure(outcome: CommandOutcome): string | undefined {
  if (outcome.spawnError) return `worker execution failed: ${outcome.spawnError}`;
  if (outcome.timedOut) return `worker execution failed: timed out after ${outcome.timeoutSeconds ?? '?'} s`;
  if (outcome.signal) return `worker execution failed: killed by ${outcome.signal}`;
  if (outcome.exitCode !== 0) return `worker execution failed: exit status ${outcome.exitCode}`;
  return undefined;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function excerpt(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 120 ? `${one.slice(0, 120)}…` : one;
}

function tail(text: string): string {
  return text.length > MAX_LOG_CHARS ? `…${text.slice(-MAX_LOG_CHARS)}` : text;
}
