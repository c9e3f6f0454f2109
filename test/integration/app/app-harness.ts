/**
 * Shared setup for app integration tests: a temp repo with definition files, and the options
 * that point plan/apply at a test server with a clean environment (no CONDUCTOR_* variables,
 * an empty home directory), plus a counter of HTTP requests made through the client.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/dev-server.js';
import type { JsonObject } from '../../../src/core/model.js';
import type { ApplyOptions } from '../../../src/app/apply.js';
import type { ExportOptions } from '../../../src/app/export.js';
import type { VersionBumpOptions } from '../../../src/app/version-bump.js';
import type { ReconcileEvent } from '../../../src/app/reconcile-events.js';

export interface TempRepo {
  dir: string;
  /** Writes `definitions/<path>` (YAML unless the path ends in .json). */
  writeDefinition(path: string, body: JsonObject | JsonObject[]): void;
  writeFile(path: string, text: string): void;
  remove(path: string): void;
  cleanup(): void;
}

export function createTempRepo(): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), 'conductor-repo-'));
  const writeFile = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  return {
    dir,
    writeFile,
    writeDefinition: (path, body) =>
      writeFile(`definitions/${path}`, path.endsWith('.json') ? JSON.stringify(body, null, 2) : stringify(body)),
    remove: (path) => rmSync(join(dir, path), { recursive: true, force: true }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Options of every reconciler use case (apply's are a superset of plan's). */
export type AnyOptions = ApplyOptions & Pick<ExportOptions, 'dir' | 'format' | 'latestOnly'> & Pick<VersionBumpOptions, 'since' | 'dryRun'>;

export interface Harness {
  options: (extra?: Partial<AnyOptions>) => AnyOptions;
  events: ReconcileEvent[];
  requests: { method: string; path: string; status?: number }[];
}

/** Options for plan/apply/export against `serverUrl` from `repo`. */
export function createHarness(repo: TempRepo, serverUrl: string): Harness {
  const events: ReconcileEvent[] = [];
  const requests: Harness['requests'] = [];
  const home = join(repo.dir, '.home');
  mkdirSync(home, { recursive: true });
  return {
    events,
    requests,
    options: (extra = {}) => ({
      cwd: repo.dir,
      env: {},
      homeDir: home,
      flags: { server: serverUrl },
      events: (event) => events.push(event),
      clientHooks: {
        onRequest: (event) => requests.push({ method: event.method, path: event.path, ...(event.status ? { status: event.status } : {}) }),
        retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 20 },
      },
      ...extra,
    }),
  };
}

/** A name no other test uses (tests share one server per file). */
export const unique = (base: string) => `${base}_${Math.random().toString(36).slice(2, 8)}`;

/** A raw call to the server's API (out-of-band changes); fails the test on a non-2xx answer. */
export async function callServer(serverUrl: string, method: string, path: string, body?: unknown): Promise<string> {
  const response = await fetch(`${serverUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return response.text();
}

export interface HarnessContext {
  server: TestServer;
  repo: TempRepo;
  harness: Harness;
}

/** Registers a file's hooks: one test server for the file, a fresh repo and harness per test. */
export function useHarness(): HarnessContext {
  const context = {} as HarnessContext;
  beforeAll(async () => {
    context.server = await startTestServer();
  });
  afterAll(async () => context.server?.close());
  beforeEach(() => {
    context.repo = createTempRepo();
    context.harness = createHarness(context.repo, context.server.url);
  });
  afterEach(() => context.repo.cleanup());
  return context;
}
