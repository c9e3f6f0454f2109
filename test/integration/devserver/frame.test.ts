/**
 * The extension frame part 2 builds on (src/devserver/http/types.ts, routes/index.ts,
 * store/migration.ts, timers.ts) and the server's own surface: health, version, home page,
 * server.json, one server per data directory. Dev server only.
 */
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, DataDirInUseError, PortInUseError, silentLogger } from '../../../src/devserver/index.js';
import { Router } from '../../../src/devserver/http/router.js';
import { empty, text } from '../../../src/devserver/http/responses.js';
import { runMigrations, type MigrationSet } from '../../../src/devserver/store/migration.js';
import { TimerRegistry } from '../../../src/devserver/timers.js';
import { startTestServer, type TestServer } from '../../helpers/dev-server.js';
import { createApi, type Api } from './api-client.js';

let server: TestServer;
let root: Api;

beforeAll(async () => {
  server = await startTestServer({ forceDevServer: true });
  root = createApi(server.baseUrl);
});
afterAll(() => server.close());

describe('system routes (dev server only)', () => {
  it('GET /health and /api/health answer 200 JSON with healthy:true (R/HealthCheckResource.java)', async () => {
    for (const path of ['/health', '/api/health']) {
      const res = await root('GET', path);
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ healthy: true });
    }
  });

  it('GET /api/version is text/plain (VersionResource.java produces TEXT_PLAIN)', async () => {
    const res = await root('GET', '/api/version');
    expect(res.contentType).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^3\.\d+\.\d+\+conductor-gitops\.\d+\.\d+\.\d+/);
  });

  it('GET / is an HTML page naming the server, its version and the API base', async () => {
    const res = await root('GET', '/');
    expect(res.contentType).toMatch(/^text\/html/);
    expect(res.text).toContain('conductor-gitops dev server');
    expect(res.text).toContain('/api');
    expect(res.text).toContain((await root('GET', '/api/version')).text);
  });

  it('HEAD is served by GET routes without a body', async () => {
    const res = await root('HEAD', '/health');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });

  it('server.json records pid and URL while running and is removed on close', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'devserver-frame-'));
    const s = await startDevServer({ port: 0, dataDir });
    const record = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8'));
    expect(record).toMatchObject({ pid: process.pid, url: s.url, port: s.port, dataDir });
    await s.close();
    await s.close(); // idempotent
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a second server on the same data directory fails and names the first (exclusive SQLite lock)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'devserver-frame-'));
    const first = await startDevServer({ port: 0, dataDir });
    try {
      const second = startDevServer({ port: 0, dataDir });
      await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(second).rejects.toThrow(first.url);
    } finally {
      await first.close();
    }
    const again = await startDevServer({ port: 0, dataDir });
    await again.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('definitions persist across a restart on the same data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'devserver-frame-'));
    const first = await startDevServer({ port: 0, dataDir });
    const a = createApi(first.apiUrl);
    await a('POST', '/metadata/taskdefs', { body: [{ name: 'kept', description: 'yes' }] });
    await a('PUT', '/metadata/workflow', { body: [{ name: 'wf', version: 3, tasks: [{ name: 'a', taskReferenceName: 'a' }] }] });
    const before = [(await a('GET', '/metadata/taskdefs')).text, (await a('GET', '/metadata/workflow')).text];
    await first.close();
    const second = await startDevServer({ port: 0, dataDir });
    const b = createApi(second.apiUrl);
    expect([(await b('GET', '/metadata/taskdefs')).text, (await b('GET', '/metadata/workflow')).text]).toEqual(before);
    await second.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a busy port is a PortInUseError and releases the data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'devserver-frame-'));
    const port = Number(new URL(server.baseUrl).port);
    await expect(startDevServer({ port, dataDir })).rejects.toBeInstanceOf(PortInUseError);
    const ok = await startDevServer({ port: 0, dataDir });
    await ok.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('router', () => {
  const ok = (tag: string) => () => text(tag);
  const router = new Router();
  router.add(
    [
      { method: 'GET', path: '/api/metadata/workflow/{name}', handler: ok('byName') },
      { method: 'GET', path: '/api/metadata/workflow/names', handler: ok('names') },
      { method: 'GET', path: '/api/x/{a}/{b}', handler: ok('ab') },
      { method: 'DELETE', path: '/api/x/{a}/{b}', handler: () => empty() },
    ],
    'test',
  );

  it('a literal segment beats a {param} at the same position', () => {
    const match = router.match('GET', '/api/metadata/workflow/names');
    expect(match.kind === 'found' && match.handler({} as never)).toMatchObject({ body: 'names' });
  });

  it('params are URL-decoded; a trailing slash or an empty segment does not match', () => {
    const match = router.match('GET', '/api/x/a%20b/c%2Fd');
    expect(match).toMatchObject({ kind: 'found', params: { a: 'a b', b: 'c/d' } });
    expect(router.match('GET', '/api/x/a/').kind).toBe('not-found');
    expect(router.match('GET', '/api/x//b').kind).toBe('not-found');
  });

  it('another method on a known path is method-not-allowed with the allowed methods', () => {
    expect(router.match('PUT', '/api/x/1/2')).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'DELETE'] });
  });

  it('a duplicate method+pattern is refused at start-up', () => {
    expect(() => router.add([{ method: 'GET', path: '/api/x/{c}/{d}', handler: ok('dup') }], 'other')).toThrow(/duplicates/);
  });
});

describe('migrations', () => {
  const sets = (extra: MigrationSet['migrations'] = []): MigrationSet[] => [
    { module: 'a', migrations: [{ id: 'a-001', up: 'CREATE TABLE a (x INTEGER)' }] },
    { module: 'b', migrations: [{ id: 'b-001', up: (db) => db.exec('CREATE TABLE b (y TEXT)') }, ...extra] },
  ];

  it('applies each migration once, in list order, and records it', () => {
    const db = new Database(':memory:');
    expect(runMigrations(db, sets(), () => 1).applied).toEqual(['a-001', 'b-001']);
    expect(runMigrations(db, sets([{ id: 'b-002', up: 'ALTER TABLE b ADD COLUMN z INTEGER' }]), () => 2).applied).toEqual(['b-002']);
    expect(db.prepare('SELECT id, module FROM schema_migrations ORDER BY id').all()).toEqual([
      { id: 'a-001', module: 'a' },
      { id: 'b-001', module: 'b' },
      { id: 'b-002', module: 'b' },
    ]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
  });

  it('a failing migration leaves neither its changes nor its record', () => {
    const db = new Database(':memory:');
    runMigrations(db, sets(), () => 1);
    const broken = sets([{ id: 'b-002', up: 'CREATE TABLE c (q INTEGER); THIS IS NOT SQL' }]);
    expect(() => runMigrations(db, broken, () => 2)).toThrow();
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'c'").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM schema_migrations WHERE id = 'b-002'").get()).toEqual({ n: 0 });
  });

  it('refuses a database with migrations it does not know, and duplicate ids', () => {
    const db = new Database(':memory:');
    runMigrations(db, sets([{ id: 'b-009', up: 'SELECT 1' }]), () => 1);
    expect(() => runMigrations(db, sets(), () => 2)).toThrow(/newer conductor/);
    expect(() => runMigrations(new Database(':memory:'), [...sets(), ...sets()], () => 1)).toThrow(/duplicate migration id/);
  });
});

describe('timers', () => {
  it('every() repeats without overlapping, a throwing run is logged, close() stops everything', async () => {
    const errors: string[] = [];
    const timers = new TimerRegistry({ ...silentLogger, error: (m) => void errors.push(m) });
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    timers.every(
      5,
      async () => {
        runs++;
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((r) => setTimeout(r, 12));
        concurrent--;
        if (runs === 2) throw new Error('boom');
      },
      'sweeper',
    );
    let fired = false;
    timers.after(10_000, () => void (fired = true), 'late');
    await new Promise((r) => setTimeout(r, 80));
    await timers.close();
    const runsAtClose = runs;
    await new Promise((r) => setTimeout(r, 40));
    expect(runsAtClose).toBeGreaterThanOrEqual(3);
    expect(runs).toBe(runsAtClose);
    expect(maxConcurrent).toBe(1);
    expect(errors).toEqual(['timer sweeper failed']);
    expect(fired).toBe(false);
  });
});
