/**
 * Helpers of the runtime e2e tests (issue 6): run the CLI against a test server, start
 * `worker stdio` processes, and wait for execution states over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cliPath, minimalEnv, repoRoot, runCli, type RunCliResult } from '../helpers/run-cli.js';

export function cliAgainst(url: string) {
  return (args: string[], options: { input?: string; env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<RunCliResult> =>
    runCli(args, { ...options, env: { CONDUCTOR_SERVER_URL: url, ...options.env } });
}

export interface WorkerProcess {
  child: ChildProcess;
  stderr: () => string;
  /** SIGTERM, then the exit code once it has exited. */
  stop(): Promise<number | null>;
}

/** `conductor worker stdio --type <type> [flags] node -e <script>`. */
export function startWorker(url: string, type: string, script: string, flags: string[] = [], env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, [cliPath, 'worker', 'stdio', '--type', type, ...flags, process.execPath, '-e', script], {
    cwd: repoRoot,
    env: minimalEnv({ CONDUCTOR_SERVER_URL: url, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A node -e worker: reads the task, answers with `reply(task)` (a JS expression over `t`). */
export function nodeWorker(reply: string): string {
  return `let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const t=JSON.parse(s);${reply}})`;
}

export async function api(url: string, path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return text === '' ? undefined : text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text;
}

export interface Execution {
  workflowId: string;
  status: string;
  workflowVersion: number;
  output: Record<string, unknown>;
  tasks: { referenceTaskName: string; status: string; taskId: string; outputData: Record<string, unknown>; reasonForIncompletion?: string }[];
}

export function getExecution(url: string, id: string): Promise<Execution> {
  return api(url, `/workflow/${id}?includeTasks=true`) as Promise<Execution>;
}

/** Polls until `check` holds (default 20 s). */
export async function waitFor<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 2000)}`);
}

export function waitForStatus(url: string, id: string, status: string, timeoutMs?: number): Promise<Execution> {
  return waitFor(() => getExecution(url, id), (e) => e.status === status, `${id} to be ${status}`, timeoutMs);
}

export function waitForTask(url: string, id: string, ref: string, status: string): Promise<Execution> {
  return waitFor(() => getExecution(url, id), (e) => e.tasks.some((t) => t.referenceTaskName === ref && t.status === status), `${ref} of ${id} to be ${status}`);
}
