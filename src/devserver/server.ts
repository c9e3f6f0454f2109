/**
 * Starts the dev server: opens and migrates the store, builds every route module of
 * routes/index.ts, listens, and records itself in `<dataDir>/server.json`. `close()` stops
 * accepting requests, lets in-flight ones finish (bounded), cancels timers, closes the
 * database and removes server.json. Nothing here touches process signals: the CLI's
 * foreground mode wires SIGTERM/SIGINT to `close()`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { createAuthGuard } from './auth/guard.js';
import { TokenAuthority, type AuthConfig } from './auth/token-authority.js';
import { DEFAULT_BODY_LIMIT_BYTES } from './http/body.js';
import { createRequestListener } from './http/pipeline.js';
import { Router } from './http/router.js';
import type { ServerDeps } from './http/types.js';
import { silentLogger, type Logger } from './logger.js';
import { routeModules } from './routes/index.js';
import { DataDirInUseError, openDatabase } from './store/database.js';
import { MetadataStore } from './store/metadata-store.js';
import { migrationSets } from './store/migrations.js';
import { readServerFile, removeServerFile, writeServerFile } from './server-file.js';
import { systemClock, TimerRegistry, type Clock } from './timers.js';
import { REPORTED_VERSION } from './version.js';

export interface StartDevServerOptions {
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Where the SQLite database, server.json and logs live. */
  dataDir: string;
  /** Turns on Orkes-style token auth; without it /api/token answers 404 as OSS does. */
  auth?: AuthConfig;
  logger?: Logger;
  clock?: Clock;
  /** Request body limit in bytes (default 8 MiB); larger bodies get 413. */
  bodyLimitBytes?: number;
  logRequests?: boolean;
  /** Milliseconds close() waits for in-flight requests before cutting connections (default 5000). */
  shutdownGraceMs?: number;
}

export interface DevServer {
  /** Base URL, e.g. http://127.0.0.1:8080 (no trailing slash). */
  url: string;
  /** `url` + `/api`, what SDKs and CLIs are configured with. */
  apiUrl: string;
  port: number;
  host: string;
  dataDir: string;
  /** Idempotent; resolves when everything is closed. */
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(readonly host: string, readonly port: number) {
    super(`port ${port} on ${host} is already in use`);
    this.name = 'PortInUseError';
  }
}

export async function startDevServer(options: StartDevServerOptions): Promise<DevServer> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const host = options.host ?? '127.0.0.1';
  const dataDir = resolve(options.dataDir);
  const startedAt = clock.now();
  const db = openOrExplain(dataDir, clock);
  const timers = new TimerRegistry(logger);
  let server: Server | undefined;
  try {
    const auth = options.auth ? new TokenAuthority(options.auth, clock) : undefined;
    const deps: ServerDeps = {
      db,
      metadata: new MetadataStore(db),
      clock,
      timers,
      logger,
      info: { version: REPORTED_VERSION, dataDir, startedAt, authEnabled: auth !== undefined },
      ...(auth ? { auth } : {}),
    };
    const router = new Router();
    for (const module of routeModules) router.add(module.create(deps), module.name);
    server = createServer(
      createRequestListener({
        router,
        logger,
        bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
        logRequests: options.logRequests ?? false,
        ...(auth ? { guard: createAuthGuard(auth) } : {}),
      }),
    );
    server.keepAliveTimeout = 5000;
    const port = await listen(server, options.port ?? 8080, host);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    writeServerFile(dataDir, { pid: process.pid, url, host, port, dataDir, startedAt, version: REPORTED_VERSION, authEnabled: auth !== undefined });
    logger.info(`dev server listening on ${url} (data ${dataDir})`);
    const close = once(() => shutdown(server!, timers, db, dataDir, options.shutdownGraceMs ?? 5000, logger));
    return { url, apiUrl: `${url}/api`, port, host, dataDir, close };
  } catch (error) {
    server?.close();
    await timers.close();
    db.close();
    throw error;
  }
}

function openOrExplain(dataDir: string, clock: Clock): Database {
  try {
    return openDatabase(dataDir, migrationSets, () => clock.now());
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      const running = readServerFile(dataDir);
      const who = running ? ` (pid ${running.pid}, ${running.url})` : '';
      throw new DataDirInUseError(dataDir, `the data directory ${dataDir} is in use by another dev server${who}`);
    }
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, port) : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

async function shutdown(server: Server, timers: TimerRegistry, db: Database, dataDir: string, graceMs: number, logger: Logger): Promise<void> {
  logger.info('dev server shutting down');
  const closed = new Promise<void>((done) => server.close(() => done()));
  server.closeIdleConnections();
  const grace = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(grace);
  await timers.close();
  db.close();
  removeServerFile(dataDir, process.pid);
  logger.info('dev server stopped');
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= fn());
}
