/** `conductor server status`: the recorded server plus what its status route says. */
import { readServerFile } from '../server-file.js';

export interface ServerStatus {
  running: boolean;
  dataDir: string;
  /** Whether the process answers HTTP (false: alive but hung, or still starting). */
  responding?: boolean;
  pid?: number;
  url?: string;
  apiUrl?: string;
  version?: string;
  startedAt?: string;
  uptimeSeconds?: number;
  authEnabled?: boolean;
  definitions?: { taskDefs: number; workflowDefs: number };
}

export async function readServerStatus(dataDir: string, now: () => number = Date.now): Promise<ServerStatus> {
  const server = readServerFile(dataDir);
  if (!server) return { running: false, dataDir };
  const base: ServerStatus = {
    running: true,
    dataDir: server.dataDir,
    pid: server.pid,
    url: server.url,
    apiUrl: `${server.url}/api`,
    version: server.version,
    startedAt: new Date(server.startedAt).toISOString(),
    uptimeSeconds: Math.round((now() - server.startedAt) / 1000),
    authEnabled: server.authEnabled,
  };
  try {
    const response = await fetch(`${server.url}/devserver/status`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return { ...base, responding: false };
    const body = (await response.json()) as { definitions?: { taskDefs: number; workflowDefs: number } };
    return { ...base, responding: true, ...(body.definitions ? { definitions: body.definitions } : {}) };
  } catch {
    return { ...base, responding: false };
  }
}
