/**
 * Starts the dev server in-process for integration tests: port 0 (a free port), a fresh temp
 * data directory removed on close. When CONDUCTOR_TEST_URL is set (e.g.
 * http://localhost:8080/api), tests run against that real Conductor instead and nothing is
 * started; `dataDir` is then undefined and `isDevServer` false, so venue-specific tests can skip.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer, type AuthConfig, type Logger } from '../../src/devserver/index.js';

export interface StartTestServerOptions {
  auth?: AuthConfig;
  logger?: Logger;
  bodyLimitBytes?: number;
  /** Reuse a data directory (it is then not removed on close). */
  dataDir?: string;
  /** Ignore CONDUCTOR_TEST_URL: tests of the dev server itself. */
  forceDevServer?: boolean;
}

export interface TestServer {
  /** The API base, ending in /api. */
  url: string;
  /** Scheme, host and port only. */
  baseUrl: string;
  dataDir: string | undefined;
  isDevServer: boolean;
  close(): Promise<void>;
}

export async function startTestServer(options: StartTestServerOptions = {}): Promise<TestServer> {
  const external = process.env['CONDUCTOR_TEST_URL'];
  if (external && !options.forceDevServer) {
    const url = external.replace(/\/+$/, '').replace(/(\/api)?$/, '/api');
    return { url, baseUrl: url.replace(/\/api$/, ''), dataDir: undefined, isDevServer: false, close: async () => undefined };
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'conductor-devserver-'));
  const server = await startDevServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
  });
  return {
    url: server.apiUrl,
    baseUrl: server.url,
    dataDir,
    isDevServer: true,
    close: async () => {
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
