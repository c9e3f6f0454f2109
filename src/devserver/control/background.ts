/**
 * Starting a dev server as a detached background process and waiting until it is healthy.
 * The caller (the CLI) says how to run itself in the foreground (`command` + `args`); the
 * child's stdout and stderr are appended to `<dataDir>/server.log`. Refuses to start when
 * server.json names a live server for this data directory, and explains a port clash by
 * naming the dev server that holds the port when there is one.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { readServerFile, type ServerFileContent } from '../server-file.js';
import { readLogTail } from './logs.js';

export const LOG_FILE = 'server.log';

export class ServerControlError extends Error {
  constructor(message: string, readonly code: 'ALREADY_RUNNING' | 'PORT_IN_USE' | 'START_FAILED' | 'START_TIMEOUT') {
    super(message);
    this.name = 'ServerControlError';
  }
}

export interface BackgroundStartOptions {
  dataDir: string;
  host: string;
  port: number;
  /** Executable and arguments that run the server in the foreground with these settings. */
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export interface BackgroundStartResult {
  server: ServerFileContent;
  logFile: string;
  startupMs: number;
}

export async function startInBackground(options: BackgroundStartOptions): Promise<BackgroundStartResult> {
  const started = performance.now();
  const running = readServerFile(options.dataDir);
  if (running) {
    throw new ServerControlError(`a dev server is already running for ${options.dataDir} (pid ${running.pid}, ${running.url})`, 'ALREADY_RUNNING');
  }
  if (options.port !== 0) await refuseBusyPort(options.host, options.port);
  mkdirSync(options.dataDir, { recursive: true });
  const logFile = join(options.dataDir, LOG_FILE);
  const fd = openSync(logFile, 'a');
  const child = spawn(options.command, options.args, { detached: true, stdio: ['ignore', fd, fd], env: options.env });
  closeSync(fd);
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = signal ? `signal ${signal}` : `exit code ${code ?? '?'}`));
  child.once('error', (error) => (exited = error.message));
  child.unref();
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      const tail = readLogTail(logFile, 5).trim();
      throw new ServerControlError(`the dev server exited during start-up (${exited})${tail ? `:\n${tail}` : ''}`, 'START_FAILED');
    }
    const server = readServerFile(options.dataDir);
    if (server && server.pid === child.pid && (await isHealthy(server.url))) {
      return { server, logFile, startupMs: performance.now() - started };
    }
    await delay(20);
  }
  throw new ServerControlError(`the dev server did not become healthy in time (pid ${child.pid ?? '?'}; see ${logFile})`, 'START_TIMEOUT');
}

async function refuseBusyPort(host: string, port: number): Promise<void> {
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let response: Response;
  try {
    response = await fetch(`${url}/devserver/status`, { signal: AbortSignal.timeout(1000) });
  } catch {
    return; // nothing answers: the port is (probably) free; the child reports a clash itself
  }
  const status = response.ok ? ((await response.json().catch(() => undefined)) as { pid?: number; dataDir?: string } | undefined) : undefined;
  const who = status?.pid ? `a dev server (pid ${status.pid}, data directory ${status.dataDir ?? '?'})` : 'another process';
  throw new ServerControlError(`port ${port} on ${host} is already in use by ${who} at ${url}`, 'PORT_IN_USE');
}

export async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
