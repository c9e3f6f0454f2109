/**
 * Orkes-style auth (conductor-api.md §7; the JS SDK's src/sdk/createConductorClient/helpers/
 * handleAuth.ts): POST /api/token trades {keyId, keySecret} for a JWT, every other /api call
 * needs it in X-Authorization, failures are 401 {error: INVALID_TOKEN|EXPIRED_TOKEN}. Without
 * auth, /api/token is 404 as on OSS. Dev server only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../../../src/devserver/index.js';
import { startTestServer, type TestServer } from '../../helpers/dev-server.js';
import { createApi, uniqueName, type Api } from './api-client.js';

const auth = { keyId: 'key-1', keySecret: 'secret-1' };
let server: TestServer;
let api: Api;

beforeAll(async () => {
  server = await startTestServer({ forceDevServer: true, auth });
  api = createApi(server.url);
});
afterAll(() => server.close());

async function token(): Promise<string> {
  const res = await api('POST', '/token', { body: auth });
  expect(res.status).toBe(200);
  return res.json().token as string;
}

describe('auth on (dev server only)', () => {
  it('POST /api/token returns a JWT-shaped token whose payload has exp', async () => {
    const t = await token();
    const parts = t.split('.');
    expect(parts).toHaveLength(3);
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    expect(payload.exp).toBeGreaterThan(Date.now() / 1000);
    expect(payload.sub).toBe('key-1');
  });

  it('wrong credentials get 401 and no token', async () => {
    const res = await api('POST', '/token', { body: { keyId: 'key-1', keySecret: 'nope' } });
    expect(res.status).toBe(401);
    expect(res.json()).not.toHaveProperty('token');
  });

  it('/api calls without a token or with a forged one are 401 INVALID_TOKEN', async () => {
    const none = await api('GET', '/metadata/taskdefs');
    expect(none.status).toBe(401);
    expect(none.json()).toMatchObject({ error: 'INVALID_TOKEN' });
    const t = await token();
    const forged = `${t.slice(0, -4)}AAAA`;
    const bad = await api('GET', '/metadata/taskdefs', { headers: { 'x-authorization': forged } });
    expect(bad.status).toBe(401);
    expect(bad.json()).toMatchObject({ error: 'INVALID_TOKEN' });
  });

  it('a valid token in X-Authorization is accepted for reads and writes', async () => {
    const authed = createApi(server.url, { 'x-authorization': await token() });
    const name = uniqueName('td');
    expect((await authed('POST', '/metadata/taskdefs', { body: [{ name }] })).status).toBe(200);
    expect((await authed('GET', `/metadata/taskdefs/${name}`)).json().name).toBe(name);
  });

  it('/health, /api/health and the home page stay open', async () => {
    const root = createApi(server.baseUrl);
    expect((await root('GET', '/health')).status).toBe(200);
    expect((await root('GET', '/api/health')).status).toBe(200);
    expect((await root('GET', '/')).status).toBe(200);
  });

  it('an expired token is 401 EXPIRED_TOKEN', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'devserver-auth-'));
    let now = 1_000_000_000_000;
    const s = await startDevServer({ port: 0, dataDir, auth: { ...auth, tokenTtlSeconds: 60 }, clock: { now: () => now } });
    try {
      const a = createApi(s.apiUrl);
      const t = (await a('POST', '/token', { body: auth })).json().token as string;
      expect((await a('GET', '/metadata/taskdefs', { headers: { 'x-authorization': t } })).status).toBe(200);
      now += 61_000;
      const res = await a('GET', '/metadata/taskdefs', { headers: { 'x-authorization': t } });
      expect(res.status).toBe(401);
      expect(res.json()).toMatchObject({ error: 'EXPIRED_TOKEN' });
    } finally {
      await s.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('auth off (dev server only)', () => {
  it('POST /api/token is 404 as on OSS, and /api calls need no token', async () => {
    const open = await startTestServer({ forceDevServer: true });
    try {
      const a = createApi(open.url);
      expect((await a('POST', '/token', { body: auth })).status).toBe(404);
      expect((await a('GET', '/metadata/taskdefs')).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
