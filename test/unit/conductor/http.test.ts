import { describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientOptions } from '../../../src/conductor/http.js';
import { displayUrl } from '../../../src/conductor/url.js';
import { ConductorApiError } from '../../../src/errors.js';
import { empty, json, recordingSleep, refused, reset, scriptedFetch, text, timeout, type Step } from './fake-fetch.js';

function client(steps: Step[], extra: Partial<HttpClientOptions> = {}) {
  const fake = scriptedFetch(...steps);
  const sleeper = recordingSleep();
  const http = createHttpClient({
    serverUrl: 'http://conductor.test:8080',
    fetch: fake.fetch,
    sleep: sleeper.sleep,
    random: () => 0.5,
    retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 1000 },
    ...extra,
  });
  return { http, calls: fake.calls, delays: sleeper.delays };
}

async function failure(promise: Promise<unknown>): Promise<ConductorApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConductorApiError);
  return error as ConductorApiError;
}

describe('http client: URLs and bodies', () => {
  it.each(['http://h:8080', 'http://h:8080/', 'http://h:8080/api', 'http://h:8080/api/'])('accepts %s with or without /api', async (serverUrl) => {
    const { http, calls } = client([json(200, [])], { serverUrl });
    await http.request('GET', '/metadata/taskdefs', { query: { a: 'x y', b: undefined } });
    expect(calls[0]!.url).toBe('http://h:8080/api/metadata/taskdefs?a=x+y');
  });

  it('parses JSON, text/plain ids, JSON-string ids and empty 200 bodies', async () => {
    const { http } = client([json(200, { a: 1 }), text(200, 'abc-123', 'text/plain'), json(200, 'abc-124'), empty(200)]);
    expect((await http.request('GET', '/x')).body).toEqual({ a: 1 });
    expect((await http.request('POST', '/workflow/w', { body: {} })).body).toBe('abc-123');
    expect((await http.request('POST', '/workflow/w', { body: {} })).body).toBe('abc-124');
    expect((await http.request('DELETE', '/x')).body).toBeUndefined();
  });

  it('sends JSON bodies with a content type and a per-attempt timeout signal', async () => {
    const { http, calls } = client([empty(200)]);
    await http.request('POST', '/metadata/taskdefs', { body: [{ name: 't' }] });
    expect(calls[0]).toMatchObject({ method: 'POST', body: [{ name: 't' }], hasSignal: true });
    expect(calls[0]!.headers['Content-Type']).toBe('application/json');
  });

  it('waits longer for a call the server holds on purpose (minTimeoutMs)', async () => {
    const http = createHttpClient({
      serverUrl: 'http://h',
      timeoutMs: 20,
      retry: { retries: 0 },
      fetch: (_url, init) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => resolve(new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })), 80);
          init.signal?.addEventListener('abort', () => (clearTimeout(timer), reject(init.signal?.reason)));
        }),
    });
    await expect(http.request('POST', '/workflow/execute/w/0', { body: {}, minTimeoutMs: 2000 })).resolves.toEqual({ status: 200, body: {} });
    await expect(http.request('POST', '/workflow/execute/w/0', { body: {} })).rejects.toThrow(/timed out after 20 ms/);
  });

  it('aborts a request that exceeds the timeout', async () => {
    const http = createHttpClient({
      serverUrl: 'http://h',
      timeoutMs: 20,
      retry: { retries: 0 },
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    });
    const error = await failure(http.request('GET', '/metadata/taskdefs'));
    expect(error.message).toMatch(/GET http:\/\/h\/api\/metadata\/taskdefs timed out after 20 ms/);
    expect(error.status).toBeUndefined();
  });
});

describe('http client: retries', () => {
  it('retries 5xx and 429 on idempotent calls with full-jitter exponential backoff', async () => {
    const { http, calls, delays } = client([json(503, { message: 'busy' }), json(500, {}), json(429, {}), json(200, [1])]);
    expect((await http.request('GET', '/x')).body).toEqual([1]);
    expect(calls).toHaveLength(4);
    // random()=0.5 of min(cap, base·2^n): 0.5·100, 0.5·200, 0.5·400
    expect(delays).toEqual([50, 100, 200]);
  });

  it('caps the backoff and honours Retry-After (capped too)', async () => {
    const { http, delays } = client([json(429, {}, { 'retry-after': '2' }), json(500, {}), json(500, {}), empty()], {
      retry: { retries: 3, baseDelayMs: 400, maxDelayMs: 1000 },
      random: () => 0.999,
    });
    await http.request('PUT', '/x', { body: [] });
    expect(delays).toEqual([1000, 799, 999]);
  });

  it('gives up after the configured retries and reports the last status', async () => {
    const { http, calls } = client([json(500, { message: 'a' }), json(500, { message: 'b' }), json(500, { message: 'c' }), json(502, { message: 'last' })]);
    const error = await failure(http.request('GET', '/metadata/workflow'));
    expect(calls).toHaveLength(4);
    expect(error.status).toBe(502);
    expect(error.serverMessage).toBe('last');
  });

  it('does not retry a non-idempotent POST on 5xx, reset or timeout', async () => {
    for (const step of [json(500, { message: 'x' }), reset(), timeout()]) {
      const { http, calls } = client([step, empty()]);
      await failure(http.request('POST', '/workflow/w', { body: {} }));
      expect(calls).toHaveLength(1);
    }
  });

  it('retries a POST declared idempotent (the taskdefs upsert)', async () => {
    const { http, calls } = client([reset(), json(503, {}), empty()]);
    await http.request('POST', '/metadata/taskdefs', { body: [{ name: 't' }], idempotent: true });
    expect(calls).toHaveLength(3);
  });

  it('retries connection refused even for a POST: the request never left', async () => {
    const { http, calls } = client([refused(), empty()]);
    await http.request('POST', '/workflow/w', { body: {} });
    expect(calls).toHaveLength(2);
  });

  it('never retries 4xx', async () => {
    const { http, calls } = client([json(404, { message: 'No such workflow' })]);
    const error = await failure(http.request('GET', '/metadata/workflow/x'));
    expect(calls).toHaveLength(1);
    expect(error.code).toBe('API_404');
  });
});

describe('http client: errors', () => {
  it('keeps method, URL, status, the server message and validation errors', async () => {
    const { http } = client([
      json(400, {
        status: 400,
        message: 'Validation failed, check below errors for detail.',
        validationErrors: [{ path: 'updateWorkflowDef.arg0[0].tasks', message: 'WorkflowTask list cannot be empty' }],
      }),
    ]);
    const error = await failure(http.request('PUT', '/metadata/workflow', { body: [{ name: 'w' }] }));
    expect(error).toMatchObject({ method: 'PUT', url: 'http://conductor.test:8080/api/metadata/workflow', status: 400, code: 'API_400' });
    expect(error.serverMessage).toBe('Validation failed, check below errors for detail.');
    expect(error.message).toContain('PUT http://conductor.test:8080/api/metadata/workflow failed with 400');
    expect(error.message).toContain('updateWorkflowDef.arg0[0].tasks: WorkflowTask list cannot be empty');
  });

  it('uses a text body as the message when the error is not JSON', async () => {
    const { http } = client([text(502, '<html>Bad gateway</html>', 'text/html')], { retry: { retries: 0 } });
    const error = await failure(http.request('GET', '/x'));
    expect(error.serverMessage).toBe('<html>Bad gateway</html>');
  });

  it('says how to start a local server when the connection is refused', async () => {
    const { http } = client([refused(), refused(), refused(), refused()]);
    const error = await failure(http.request('GET', '/metadata/taskdefs'));
    expect(error.message).toBe('cannot reach http://conductor.test:8080: connection refused — is it running? (`conductor server start`)');
    expect(error.code).toBe('API_UNREACHABLE');
  });

  it('adds a credentials hint on 401/403 and never shows user info from the URL', async () => {
    const { http } = client([json(403, { message: 'denied' })], { serverUrl: 'https://user:hunter22@orkes.test/api' });
    const error = await failure(http.request('GET', '/metadata/taskdefs'));
    expect(error.hint).toMatch(/credentials/);
    expect(JSON.stringify({ m: error.message, u: error.url, h: error.hint })).not.toContain('hunter22');
  });

  it('masks the token it sent and the key secret wherever the server echoes them', async () => {
    const auth = { headers: async () => ({ 'X-Authorization': 'tok-7f3a9c' }), refresh: async () => false };
    const { http } = client([json(401, { error: 'INVALID_TOKEN', message: 'token tok-7f3a9c is not valid', validationErrors: [{ path: 'x', message: 'tok-7f3a9c' }] })], { auth });
    const error = await failure(http.request('GET', '/metadata/taskdefs'));
    expect(error.message).toContain('token **** is not valid');
    expect(JSON.stringify({ m: error.message, s: error.serverMessage, b: error.body })).not.toContain('tok-7f3a9c');
    const echo = client([text(400, 'bad request {"keySecret":"S3CR3T-value"}', 'text/plain')]);
    const second = await failure(echo.http.request('POST', '/token', { body: { keySecret: 'S3CR3T-value' }, idempotent: true, secrets: ['S3CR3T-value'] }));
    expect(JSON.stringify({ m: second.message, s: second.serverMessage, b: second.body })).not.toContain('S3CR3T-value');
  });

  it('refuses a server URL with a query string or fragment, without repeating it', () => {
    for (const serverUrl of ['http://h:8080/api?access_token=abc123secret', 'http://h:8080#abc123secret']) {
      const error = (() => {
        try {
          createHttpClient({ serverUrl });
        } catch (e) {
          return e as Error & { code?: string };
        }
      })();
      expect(error?.code).toBe('SERVER_URL_INVALID');
      expect(error?.message).not.toContain('abc123secret');
    }
  });

  it('masks secret-looking query values in the URLs it shows', () => {
    expect(displayUrl('https://u:p@h/api/x?access_token=abc&size=10&X-Api-Key=k1&sig=s')).toBe('https://h/api/x?access_token=****&size=10&X-Api-Key=****&sig=****');
  });

  it('never copies the request body into an error', async () => {
    const { http } = client([json(400, { message: 'bad' })]);
    const error = await failure(http.request('POST', '/token', { body: { keyId: 'k', keySecret: 'TOPSECRET' }, idempotent: true }));
    expect(JSON.stringify(error) + error.message).not.toContain('TOPSECRET');
  });
});

describe('http client: request events', () => {
  it('reports each attempt without bodies or headers', async () => {
    const events: unknown[] = [];
    let t = 0;
    const { http } = client([json(500, {}), json(200, [])], { onRequest: (e) => events.push(e), now: () => (t += 5) });
    await http.request('GET', '/metadata/taskdefs');
    expect(events).toEqual([
      { method: 'GET', path: '/metadata/taskdefs', status: 500, attempt: 0, durationMs: 5 },
      { method: 'GET', path: '/metadata/taskdefs', status: 200, attempt: 1, durationMs: 5 },
    ]);
  });
});

describe('http client: redirects', () => {
  it('reports a redirect with where it points, and neither follows nor retries it', async () => {
    const moved = new Response(null, { status: 301, headers: { location: 'https://conductor.example.com/api/metadata/taskdefs' } });
    const { http, calls } = client([moved]);
    const error = await failure(http.request('GET', '/metadata/taskdefs'));
    expect(error.message).toBe('GET http://conductor.test:8080/api/metadata/taskdefs was redirected (301) to https://conductor.example.com/api/metadata/taskdefs');
    expect(error.hint).toContain('change the server URL to use https://conductor.example.com');
    expect(error.status).toBe(301);
    expect(calls).toHaveLength(1);
  });

  it('resolves a relative Location against the request URL', async () => {
    const { http } = client([new Response(null, { status: 307, headers: { location: '/v2/api/metadata/taskdefs' } })]);
    const error = await failure(http.request('GET', '/metadata/taskdefs'));
    expect(error.message).toContain('was redirected (307) to http://conductor.test:8080/v2/api/metadata/taskdefs');
  });
});
