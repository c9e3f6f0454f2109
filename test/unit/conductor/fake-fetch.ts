/**
 * A scripted `fetch` for client unit tests: each call takes the next step (a Response to
 * return or an error to throw) and is recorded with its method, URL, headers and body.
 */
import type { FetchLike } from '../../../src/conductor/http.js';

export interface RecordedCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  hasSignal: boolean;
}

export type Step = Response | Error | ((call: RecordedCall) => Response | Error);

export interface FakeFetch {
  fetch: FetchLike;
  calls: RecordedCall[];
}

export function scriptedFetch(...steps: Step[]): FakeFetch {
  const calls: RecordedCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    const call: RecordedCall = {
      method: init.method ?? 'GET',
      url,
      headers,
      hasSignal: init.signal instanceof AbortSignal,
      ...(typeof init.body === 'string' ? { body: JSON.parse(init.body) as unknown } : {}),
    };
    calls.push(call);
    const step = steps.shift();
    if (step === undefined) throw new Error(`unexpected call ${call.method} ${url}`);
    const outcome = typeof step === 'function' ? step(call) : step;
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { fetch, calls };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function text(status: number, body: string, contentType?: string): Response {
  return new Response(body, { status, headers: contentType ? { 'content-type': contentType } : {} });
}

export function empty(status = 200): Response {
  return new Response(null, { status });
}

/** What undici throws when nothing listens on the port. */
export function refused(): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
}

export function reset(): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
}

export function timeout(): Error {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

/** A sleep that records delays and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

/** A JWT-shaped token with this `exp` (seconds). Unsigned: the client never verifies it. */
export function jwt(expSeconds: number | undefined, subject = 'tester'): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = expSeconds === undefined ? { sub: subject } : { sub: subject, exp: expSeconds };
  return `${encode({ alg: 'HS256' })}.${encode(claims)}.signature`;
}
