/**
 * Shared by the plan/apply/export/version e2e tests: a temp repo and a CLI runner bound to a
 * test server (the built CLI is spawned with a minimal environment and an empty HOME).
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { runCli, type RunCliResult } from '../helpers/run-cli.js';
import { createTempRepo, type TempRepo } from '../integration/app/app-harness.js';

export { createTempRepo, type TempRepo };

export function cliIn(repo: TempRepo, serverUrl: string): (...args: string[]) => Promise<RunCliResult> {
  const home = join(repo.dir, '.home');
  mkdirSync(home, { recursive: true });
  return (...args) => runCli([...args, '--server', serverUrl], { cwd: repo.dir, env: { HOME: home } });
}

export const unique = (base: string) => `${base}_${Math.random().toString(36).slice(2, 8)}`;

/** A local URL where nothing listens (a port that was free a moment ago). */
export async function closedServerUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
