/**
 * Process control behind `conductor server stop|status` (src/devserver/control/stop.ts,
 * server-file.ts) with real child processes: a server that ignores SIGTERM is killed after the
 * timeout (issue 3: "graceful, then forced after a timeout"), and a server.json left behind by
 * a kill -9 whose pid now belongs to another process never gets that process signalled.
 * Dev server only (local processes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive, readServerFile, SERVER_FILE, stopServer } from '../../../src/devserver/index.js';
import { writeServerFile, type ServerFileContent } from '../../../src/devserver/server-file.js';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A process that ignores SIGTERM, started and ready. */
async function startStubbornProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000);"], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return child;
}

function record(pid: number, dataDir: string): ServerFileContent {
  return { pid, url: 'http://127.0.0.1:9', host: '127.0.0.1', port: 9, dataDir, startedAt: Date.now(), version: 'test', authEnabled: false };
}

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'devserver-control-'));
  dirs.push(dir);
  return dir;
}

describe('server control (dev server only)', () => {
  it('stop sends SIGTERM, then SIGKILL after the timeout, and removes the record the killed server left', async () => {
    const child = await startStubbornProcess();
    const dataDir = tempDataDir();
    writeServerFile(dataDir, record(child.pid!, dataDir));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const result = await stopServer(dataDir, 300);
    expect(result).toMatchObject({ outcome: 'killed', pid: child.pid });
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(join(dataDir, SERVER_FILE))).toBe(false);
  });

  it('a record whose pid now runs another process is stale: stop signals nothing (Linux /proc start time)', async (ctx) => {
    if (!existsSync('/proc/self/stat')) ctx.skip();
    const child = await startStubbornProcess();
    const dataDir = tempDataDir();
    // As a kill -9'd server leaves it, but written by a process that started at another time.
    writeFileSync(join(dataDir, SERVER_FILE), JSON.stringify({ ...record(child.pid!, dataDir), processStart: '1' }));
    expect(readServerFile(dataDir)).toBeUndefined();
    expect(await stopServer(dataDir, 300)).toEqual({ outcome: 'not-running' });
    expect(isProcessAlive(child.pid!)).toBe(true);
  });

  it('a record written by the live process itself is current', async () => {
    const child = await startStubbornProcess();
    const dataDir = tempDataDir();
    writeServerFile(dataDir, record(child.pid!, dataDir));
    expect(readServerFile(dataDir)?.pid).toBe(child.pid);
  });
});
