/** Stopping a background dev server: SIGTERM, then SIGKILL when it outlives the timeout. */
import { isProcessAlive, readServerFile, removeServerFile } from '../server-file.js';
import { delay } from './background.js';

export type StopResult =
  | { outcome: 'not-running' }
  | { outcome: 'stopped' | 'killed'; pid: number; url: string; waitedMs: number };

export async function stopServer(dataDir: string, timeoutMs = 10_000): Promise<StopResult> {
  const server = readServerFile(dataDir);
  if (!server) return { outcome: 'not-running' };
  const started = performance.now();
  signal(server.pid, 'SIGTERM');
  if (await waitForExit(server.pid, timeoutMs)) {
    return { outcome: 'stopped', pid: server.pid, url: server.url, waitedMs: performance.now() - started };
  }
  signal(server.pid, 'SIGKILL');
  await waitForExit(server.pid, 5_000);
  // A killed server cannot remove its own record.
  removeServerFile(dataDir, server.pid);
  return { outcome: 'killed', pid: server.pid, url: server.url, waitedMs: performance.now() - started };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await delay(25);
  }
  return !isProcessAlive(pid);
}
