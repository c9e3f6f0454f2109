import { describe, expect, it } from 'vitest';
import { computeRefreshAt, readJwtExpiryMs } from '../../../src/conductor/auth.js';
import { createConductorClient, parseTimeoutSeconds } from '../../../src/conductor/client.js';
import { ConductorApiError, UsageError } from '../../../src/errors.js';
import { empty, json, jwt, recordingSleep, scriptedFetch, type Step } from './fake-fetch.js';

const MINUTE = 60_000;

function orkes(steps: Step[], clock: { now: number }, warnings: string[] = []) {
  const fake = scriptedFetch(...steps);
  const http = createConductorClient({
    serverUrl: 'https://orkes.test',
    auth: { keyId: 'key-1', keySecret: 'SECRET-VALUE' },
    fetch: fake.fetch,
    sleep: recordingSleep().sleep,
    random: () => 0,
    now: () => clock.now,
    onWarning: (m) => warnings.push(m),
  });
  return { http, calls: fake.calls };
}

describe('Orkes key auth', () => {
  it('mints a token at POST /api/token and sends it as X-Authorization without Bearer', async () => {
    const token = jwt(undefined);
    const { http, calls } = orkes([json(200, { token }), json(200, []), json(200, [])], { now: 0 });
    await Promise.all([http.request('GET', '/metadata/taskdefs'), http.request('GET', '/metadata/workflow')]);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST https://orkes.test/api/token',
      'GET https://orkes.test/api/metadata/taskdefs',
      'GET https://orkes.test/api/metadata/workflow',
    ]);
    expect(calls[0]!.body).toEqual({ keyId: 'key-1', keySecret: 'SECRET-VALUE' });
    expect(calls[1]!.headers['X-Authorization']).toBe(token);
    expect(calls[2]!.headers['X-Authorization']).toBe(token);
  });

  it('refreshes 5 minutes before the JWT exp', async () => {
    const clock = { now: 1_000_000 };
    const first = jwt(clock.now / 1000 + 60 * 60);
    const second = jwt(clock.now / 1000 + 120 * 60, 'again');
    const { http, calls } = orkes([json(200, { token: first }), empty(), empty(), json(200, { token: second }), empty()], clock);
    await http.request('GET', '/a');
    clock.now += 54 * MINUTE;
    await http.request('GET', '/b');
    clock.now += 2 * MINUTE; // 56 min: inside the 5-minute margin
    await http.request('GET', '/c');
    expect(calls.map((c) => c.url.replace('https://orkes.test/api', ''))).toEqual(['/token', '/a', '/b', '/token', '/c']);
    expect(calls[4]!.headers['X-Authorization']).toBe(second);
  });

  it('refreshes after 45 minutes when the token has no exp', async () => {
    const clock = { now: 0 };
    const { http, calls } = orkes([json(200, { token: 'opaque-1' }), empty(), json(200, { token: 'opaque-2' }), empty()], clock);
    await http.request('GET', '/a');
    clock.now += 45 * MINUTE;
    await http.request('GET', '/b');
    expect(calls[3]!.headers['X-Authorization']).toBe('opaque-2');
  });

  it.each(['EXPIRED_TOKEN', 'INVALID_TOKEN'])('refreshes once and retries on 401 %s', async (code) => {
    const { http, calls } = orkes(
      [json(200, { token: 'old-token' }), json(401, { error: code, message: 'Token expired' }), json(200, { token: 'new-token' }), json(200, ['ok'])],
      { now: 0 },
    );
    expect((await http.request('GET', '/a')).body).toEqual(['ok']);
    expect(calls[3]!.headers['X-Authorization']).toBe('new-token');
  });

  it('refreshes only once: a second rejection is an error with a credentials hint', async () => {
    const { http, calls } = orkes(
      [json(200, { token: 't1' }), json(403, { error: 'INVALID_TOKEN' }), json(200, { token: 't2' }), json(403, { error: 'INVALID_TOKEN', message: 'bad' })],
      { now: 0 },
    );
    const error = (await http.request('GET', '/a').catch((e: unknown) => e)) as ConductorApiError;
    expect(error).toBeInstanceOf(ConductorApiError);
    expect(error.status).toBe(403);
    expect(error.hint).toMatch(/credentials/);
    expect(calls).toHaveLength(4);
  });

  it('does not refresh on a plain 403 (missing permission)', async () => {
    const { http, calls } = orkes([json(200, { token: 't1' }), json(403, { message: 'not allowed' })], { now: 0 });
    await expect(http.request('GET', '/a')).rejects.toMatchObject({ status: 403 });
    expect(calls).toHaveLength(2);
  });

  it('reports a rejected key as AUTH_FAILED without the secret', async () => {
    const { http } = orkes([json(401, { message: 'Invalid key id or secret' })], { now: 0 });
    const error = (await http.request('GET', '/a').catch((e: unknown) => e)) as ConductorApiError;
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toContain('POST https://orkes.test/api/token failed with 401: Invalid key id or secret');
    expect(`${error.message} ${error.hint} ${JSON.stringify(error)}`).not.toContain('SECRET-VALUE');
  });

  it('treats a 404 at /api/token as an OSS server: no auth header, one warning', async () => {
    const warnings: string[] = [];
    const { http, calls } = orkes([json(404, { message: 'not found' }), empty(), empty()], { now: 0 }, warnings);
    await http.request('GET', '/a');
    await http.request('GET', '/b');
    expect(calls[1]!.headers['X-Authorization']).toBeUndefined();
    expect(warnings).toEqual(['https://orkes.test/api has no /token endpoint (an OSS server?): continuing without authentication']);
  });
});

describe('static token', () => {
  it('sends the token and does not retry a rejection', async () => {
    const fake = scriptedFetch(json(401, { error: 'EXPIRED_TOKEN' }));
    const http = createConductorClient({ serverUrl: 'http://h', auth: { token: 'static-tok' }, fetch: fake.fetch });
    await expect(http.request('GET', '/a')).rejects.toMatchObject({ status: 401 });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.headers['X-Authorization']).toBe('static-tok');
  });
});

describe('token expiry helpers', () => {
  it('reads exp from a JWT and ignores non-JWTs', () => {
    expect(readJwtExpiryMs(jwt(1234))).toBe(1_234_000);
    expect(readJwtExpiryMs('not-a-jwt')).toBeUndefined();
    expect(readJwtExpiryMs('a.!!!.c')).toBeUndefined();
  });

  it('refreshes halfway through a short-lived token', () => {
    expect(computeRefreshAt(jwt(60), 0)).toBe(30_000);
    expect(computeRefreshAt(jwt(3600), 0)).toBe(3_300_000);
  });

  it('parses CONDUCTOR_CLIENT_HTTP_TIMEOUT as seconds', () => {
    expect(parseTimeoutSeconds(undefined)).toBeUndefined();
    expect(parseTimeoutSeconds('2.5')).toBe(2500);
    expect(() => parseTimeoutSeconds('soon')).toThrow(UsageError);
  });
});
