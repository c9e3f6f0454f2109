/**
 * A tiny raw HTTP client for the dev server's integration tests: no SDK, no normalisation,
 * so tests see status codes, content types and bodies exactly as the server sent them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/dev-server.js';

export interface RawResponse {
  status: number;
  contentType: string | null;
  text: string;
  headers: Headers;
  /** The body parsed as JSON (throws when it is not JSON). */
  json<T = any>(): T;
}

export interface RequestOptions {
  /** A value to JSON-encode, or a raw string body with `rawBody`. */
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

export type Api = (method: string, path: string, options?: RequestOptions) => Promise<RawResponse>;

/** `base` is the API URL ending in /api (or a base URL for non-API paths). */
export function createApi(base: string, defaultHeaders: Record<string, string> = {}): Api {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...defaultHeaders, ...options.headers };
    let body: string | Buffer | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(base + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      text,
      headers: response.headers,
      json: () => JSON.parse(text),
    };
  };
}

/** A name unique to this test run, so tests can share a real server with other data. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomUUID().slice(0, 8)}`;
}

/**
 * One test server for the calling test file (started in beforeAll, closed in afterAll) and a
 * raw client for its API. `server()` is the running server (for `isDevServer`, `url`…).
 */
export function useTestServerApi(): { api: Api; server: () => TestServer } {
  let server: TestServer | undefined;
  let api: Api | undefined;
  beforeAll(async () => {
    server = await startTestServer();
    api = createApi(server.url);
  });
  afterAll(() => server?.close());
  return { api: (...args) => api!(...args), server: () => server! };
}
