/**
 * The one place that talks HTTP to a Conductor server: URL joining, JSON/text bodies,
 * per-attempt timeouts (AbortSignal.timeout), auth headers, retries, and error shaping.
 *
 * What is retried (exponential backoff, full jitter, see retry.ts):
 * - connection refused: always, whatever the method, because the request never left;
 * - other connection failures, timeouts, 429 and 5xx: only when the call is idempotent.
 *   GET, PUT and DELETE are; POST is not unless the caller says so. Idempotent POSTs used
 *   here: `POST /metadata/taskdefs` (an upsert, conductor-api.md §3.1), `POST /token`, and
 *   `POST /metadata/workflow/validate`. `POST /metadata/workflow` (409 on a second try) and
 *   `POST /workflow` (starts an execution) are not.
 * - a 401/403 whose body says EXPIRED_TOKEN or INVALID_TOKEN: once, after refreshing the
 *   token (Orkes, conductor-api.md §7). A plain 403 is a permission problem and is not retried.
 *
 * Secrets (issue 4 item 12): the auth header values sent and the caller's `secrets` are
 * masked in any server message an error repeats, for servers and gateways that echo them.
 */
import { buildConnectionError, buildStatusError, classifyConnectionError, isTokenRejection } from './api-errors.js';
import { computeBackoffMs, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfterMs, type RetryPolicy } from './retry.js';
import { buildUrl, normalizeBaseUrl, type QueryValue } from './url.js';
import { nodeFetch } from './node-fetch.js';
import { parseResponseBody } from './response-body.js';
import { setTimeout as delay } from 'node:timers/promises';

/** Default: nodeFetch (node:http); the global fetch or a test double fit too. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Supplies auth headers; `refresh` is called when the server rejected the current token. */
export interface AuthProvider {
  headers(): Promise<Record<string, string>>;
  /** Returns false when refreshing cannot help (a static token). */
  refresh(): Promise<boolean>;
}

/** One finished attempt, for metrics and --verbose (never carries bodies or headers). */
export interface RequestEvent {
  method: string;
  path: string;
  status?: number;
  attempt: number;
  durationMs: number;
}

export interface HttpClientOptions {
  /** With or without `/api`. */
  serverUrl: string;
  fetch?: FetchLike;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Waits between retries; should settle early when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** [0, 1); default Math.random. */
  random?: () => number;
  /** Monotonic-enough milliseconds for durations; default Date.now. */
  now?: () => number;
  auth?: AuthProvider;
  onRequest?: (event: RequestEvent) => void;
}

/** A body already serialized as JSON: sent as it is (a caller that had to serialize it anyway, e.g. to size a batch). */
export class JsonText {
  constructor(readonly text: string) {}
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** Sent as JSON (a JsonText as its text). */
  body?: unknown;
  /** Overrides the method's default (GET/PUT/DELETE true, POST false). */
  idempotent?: boolean;
  signal?: AbortSignal;
  /** Values sent in the body that must never appear in an error (the token request's key). */
  secrets?: readonly string[];
  /**
   * A floor for this call's attempt timeout: calls the server holds on purpose (start with
   * `--sync`, `waitForSeconds`) must not be cut off by the client's default 30 s.
   */
  minTimeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON, raw text for text/plain answers, undefined for an empty body. */
  body: unknown;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpClient {
  readonly baseUrl: string;
  request(method: HttpMethod, path: string, options?: RequestOptions): Promise<HttpResponse>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const baseUrl = normalizeBaseUrl(options.serverUrl);
  const settings: Settings = {
    fetch: options.fetch ?? nodeFetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    sleep: options.sleep ?? abortableDelay,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  };
  return {
    baseUrl,
    request: (method, path, requestOptions = {}) =>
      sendWithRetries(settings, method, buildUrl(baseUrl, path, requestOptions.query), path, requestOptions),
  };
}

interface Settings {
  fetch: FetchLike;
  timeoutMs: number;
  policy: RetryPolicy;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => number;
  auth?: AuthProvider;
  onRequest?: (event: RequestEvent) => void;
}

async function sendWithRetries(
  s: Settings,
  method: HttpMethod,
  url: string,
  path: string,
  options: RequestOptions,
): Promise<HttpResponse> {
  const idempotent = options.idempotent ?? method !== 'POST';
  let hasRefreshedToken = false;
  for (let attempt = 0; ; attempt++) {
    const canRetry = attempt < s.policy.retries;
    const started = s.now();
    const outcome = await attemptOnce(s, method, url, options);
    s.onRequest?.({ method, path, ...('status' in outcome ? { status: outcome.status } : {}), attempt, durationMs: s.now() - started });
    if ('error' in outcome) {
      const refused = classifyConnectionError(outcome.error) === 'refused';
      if (options.signal?.aborted || !canRetry || !(idempotent || refused)) {
        throw buildConnectionError(method, url, outcome.error, attemptTimeoutMs(s, options));
      }
      await s.sleep(computeBackoffMs(s.policy, attempt, s.random), options.signal);
      if (options.signal?.aborted) throw buildConnectionError(method, url, outcome.error, attemptTimeoutMs(s, options));
      continue;
    }
    const { status, body, sentSecrets } = outcome;
    if (status >= 200 && status < 300) return { status, body };
    if (s.auth && !hasRefreshedToken && isTokenRejection(status, body) && (await s.auth.refresh())) {
      hasRefreshedToken = true;
      attempt--; // a token refresh is not a failed attempt
      continue;
    }
    if (!canRetry || !idempotent || !isRetryableStatus(status) || options.signal?.aborted) {
      throw buildStatusError(method, url, status, body, [...sentSecrets, ...(options.secrets ?? [])], outcome.location);
    }
    await s.sleep(outcome.retryAfterMs ?? computeBackoffMs(s.policy, attempt, s.random), options.signal);
  }
}

type Outcome = { status: number; body: unknown; retryAfterMs?: number; location?: string; sentSecrets: string[] } | { error: unknown };

/** One request and its whole body; a failure while reading the body counts as a connection failure. */
async function attemptOnce(s: Settings, method: HttpMethod, url: string, options: RequestOptions): Promise<Outcome> {
  const { init, sentSecrets } = await buildInit(s, method, options); // auth failures propagate as they are
  try {
    const response = await s.fetch(url, init);
    const body = parseResponseBody(await response.text(), response.headers.get('content-type'));
    const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), s.policy);
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    return { status: response.status, body, sentSecrets, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), ...(location ? { location } : {}) };
  } catch (error) {
    return { error };
  }
}

async function buildInit(s: Settings, method: HttpMethod, options: RequestOptions): Promise<{ init: RequestInit; sentSecrets: string[] }> {
  const authHeaders = (await s.auth?.headers()) ?? {};
  const headers: Record<string, string> = { Accept: 'application/json, text/plain, */*', ...authHeaders };
  const timeout = AbortSignal.timeout(attemptTimeoutMs(s, options));
  const init: RequestInit = {
    method,
    headers,
    // A 3xx is reported, never followed: auth headers must not go to an address the answer names.
    redirect: 'manual',
    signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
  };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = options.body instanceof JsonText ? options.body.text : JSON.stringify(options.body);
  }
  return { init, sentSecrets: Object.values(authHeaders) };
}

function attemptTimeoutMs(s: Settings, options: RequestOptions): number {
  return Math.max(s.timeoutMs, options.minTimeoutMs ?? 0);
}

/** The default wait: a timer that is cleared when the signal aborts, so nothing lingers. */
function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, signal ? { signal } : {}).catch(() => undefined);
}
