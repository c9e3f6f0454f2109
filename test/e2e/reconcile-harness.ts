/**
 * Shared by the plan/apply/export/version e2e tests: a temp repo and a CLI runner bound to a
 * test server (the built CLI is spawned with a minimal environment and an empty HOME).
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/dev-server.js';
import { runCli, type RunCliResult } from '../helpers/run-cli.js';
import { createTempRepo, type TempRepo } from '../integration/app/app-harness.js';

export { callServer, createTempRepo, type TempRepo } from '../integration/app/app-harness.js';

export type RepoCli = (...args: string[]) => Promise<RunCliResult>;

export interface CliContext {
  server: TestServer;
  repo: TempRepo;
  cli: RepoCli;
}

/** Registers a file's hooks: one test server for the file, a fresh repo and CLI runner per test. */
export function useRepoCli(): CliContext {
  const context = {} as CliContext;
  beforeAll(async () => {
    context.server = await startTestServer();
  });
  afterAll(async () => context.server?.close());
  beforeEach(() => {
    context.repo = createTempRepo();
    context.cli = cliIn(context.repo, context.server.url);
  });
  afterEach(() => context.repo.cleanup());
  return context;
}

export function cliIn(repo: TempRepo, serverUrl: string): RepoCli {
  const home = join(repo.dir, '.home');
  mkdirSync(home, { recursive: true });
  return (...args) => runCli([...args, '--server', serverUrl], { cwd: repo.dir, env: { HOME: home } });
}

export { unique } from '../integration/app/app-harness.js';

/** A local URL where nothing listens (a port that was free a moment ago). */
export async function closedServerUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
