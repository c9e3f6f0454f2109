/**
 * `<dataDir>/server.json`: who is serving a data directory (pid, URL, start time). The
 * server writes it once it listens and removes it on close; after kill -9 it stays behind,
 * so readers check that the pid is alive and is still the same process: after a reboot or
 * enough time the pid may belong to an unrelated process, which `server stop` must never
 * signal. The CLI's `server status|stop` and the
 * "already running" messages read it through `readServerFile`.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVER_FILE = 'server.json';

export interface ServerFileContent {
  pid: number;
  /** Base URL, e.g. http://127.0.0.1:8080 (the API is under /api). */
  url: string;
  host: string;
  port: number;
  dataDir: string;
  /** Epoch ms. */
  startedAt: number;
  version: string;
  authEnabled: boolean;
  /**
   * The process's start time in clock ticks since boot (/proc/<pid>/stat field 22), written by
   * `writeServerFile`; with the pid it identifies the process. Absent where there is no procfs.
   */
  processStart?: string;
}

export function writeServerFile(dataDir: string, content: ServerFileContent): void {
  const path = join(dataDir, SERVER_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  const processStart = readProcessStart(content.pid);
  writeFileSync(tmp, `${JSON.stringify(processStart === undefined ? content : { ...content, processStart }, null, 2)}\n`);
  renameSync(tmp, path);
}

/** The recorded server, or undefined when there is none or its process is gone (or is another process now). */
export function readServerFile(dataDir: string): ServerFileContent | undefined {
  let content: ServerFileContent;
  try {
    content = JSON.parse(readFileSync(join(dataDir, SERVER_FILE), 'utf8')) as ServerFileContent;
  } catch {
    return undefined;
  }
  if (typeof content.pid !== 'number' || !isProcessAlive(content.pid)) return undefined;
  // A reused pid: the live process started at another time than the one that wrote the file.
  const started = readProcessStart(content.pid);
  if (content.processStart !== undefined && started !== undefined && started !== content.processStart) return undefined;
  return content;
}

/** Removes the file if it still names `pid`. */
export function removeServerFile(dataDir: string, pid: number): void {
  const path = join(dataDir, SERVER_FILE);
  try {
    const content = JSON.parse(readFileSync(path, 'utf8')) as Partial<ServerFileContent>;
    if (content.pid === pid) rmSync(path, { force: true });
  } catch {
    // Absent or unreadable: nothing of ours to remove.
  }
}

/** Whether `pid` runs. A zombie (exited, not yet reaped by its parent or init) counts as gone. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  // No procfs (macOS): trust kill(0).
  return readProcStatFields(pid)?.[0] === 'Z';
}

/** Field 22 of /proc/<pid>/stat (start time in ticks since boot); undefined without procfs. */
function readProcessStart(pid: number): string | undefined {
  return readProcStatFields(pid)?.[19];
}

/** The fields of /proc/<pid>/stat after "pid (comm) ", from field 3 (state) on. */
function readProcStatFields(pid: number): string[] | undefined {
  try {
    // "pid (comm) state ppid ..."; comm may contain spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).trim().split(' ');
  } catch {
    return undefined;
  }
}
