/**
 * Turns failed calls into ConductorApiError: method, URL (without user info), status and the
 * server's own message (ErrorResponse `message`, `validationErrors`, Orkes `error`,
 * conductor-api.md §2.1). Request bodies and headers are never copied into an error, so
 * keys, secrets and tokens cannot leak through one.
 */
import { isPlainObject as isObject } from '../core/normalize-json.js';
import { ConductorApiError } from '../errors.js';
import { displayUrl, originOf } from './url.js';

/** The parts of an ErrorResponse a client uses. */
export interface ServerErrorBody {
  message?: string;
  /** Orkes: EXPIRED_TOKEN | INVALID_TOKEN on 401/403. */
  error?: string;
  validationErrors?: { path?: string; message?: string }[];
  retryable?: boolean;
}

const MAX_EXCERPT = 300;

export function parseServerError(body: unknown): ServerErrorBody {
  if (typeof body === 'string') return body.trim() ? { message: excerpt(body) } : {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  const record = body as Record<string, unknown>;
  const parsed: ServerErrorBody = {};
  if (typeof record['message'] === 'string') parsed.message = record['message'];
  if (typeof record['error'] === 'string') parsed.error = record['error'];
  if (typeof record['retryable'] === 'boolean') parsed.retryable = record['retryable'];
  if (Array.isArray(record['validationErrors'])) {
    parsed.validationErrors = record['validationErrors'].filter(isObject).map((item) => ({
      ...(typeof item['path'] === 'string' ? { path: item['path'] } : {}),
      ...(typeof item['message'] === 'string' ? { message: item['message'] } : {}),
    }));
  }
  return parsed;
}

/** True for Orkes' "refresh your token" answers (401/403 with EXPIRED_TOKEN or INVALID_TOKEN). */
export function isTokenRejection(status: number, body: unknown): boolean {
  if (status !== 401 && status !== 403) return false;
  const { error } = parseServerError(body);
  return error === 'EXPIRED_TOKEN' || error === 'INVALID_TOKEN';
}

/**
 * The error for an HTTP answer outside 2xx. `secrets` (the token and key sent) are masked
 * wherever the server's answer repeats them; the raw body is then not kept at all.
 */
export function buildStatusError(
  method: string,
  url: string,
  status: number,
  rawBody: unknown,
  secrets: readonly string[] = [],
  /** The Location header of a 3xx answer. */
  location?: string,
): ConductorApiError {
  if (status >= 300 && status < 400 && location) return buildRedirectError(method, url, status, location);
  const body = maskSecrets(rawBody, secrets);
  const server = parseServerError(body);
  const details = (server.validationErrors ?? [])
    .map((item) => `  - ${item.path ? `${item.path}: ` : ''}${item.message ?? '(no message)'}`)
    .join('\n');
  const serverMessage = [server.error, server.message].filter(Boolean).join(': ') || undefined;
  const shown = displayUrl(url);
  const message = `${method} ${shown} failed with ${status}${serverMessage ? `: ${serverMessage}` : ''}${details ? `\n${details}` : ''}`;
  const hint =
    status === 401 || status === 403
      ? 'check the credentials: the environment\'s auth settings, --auth-key/--auth-secret/--auth-token or CONDUCTOR_AUTH_KEY/CONDUCTOR_AUTH_SECRET/CONDUCTOR_AUTH_TOKEN, and that the key may access this resource'
      : undefined;
  return new ConductorApiError(
    message,
    { method, url: shown, status, ...(serverMessage ? { serverMessage } : {}), ...(body !== undefined ? { body } : {}) },
    hint ? { hint } : {},
  );
}

/**
 * A redirect (an http:// URL for an https-only server, a moved gateway). It is not followed:
 * the auth headers would go to whatever address the answer names.
 */
function buildRedirectError(method: string, url: string, status: number, location: string): ConductorApiError {
  let target = location;
  try {
    target = new URL(location, url).href;
  } catch {
    // an unparsable Location is shown as sent
  }
  const shown = displayUrl(url);
  return new ConductorApiError(
    `${method} ${shown} was redirected (${status}) to ${displayUrl(target)}`,
    { method, url: shown, status },
    { hint: `conductor does not follow redirects, so credentials never go to another address: change the server URL to use ${originOf(target)}` },
  );
}

/** Why a request got no answer at all. */
export type ConnectionFailure = 'refused' | 'not-found' | 'reset' | 'timeout' | 'other';

export function classifyConnectionError(error: unknown): ConnectionFailure {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'not-found';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') return 'reset';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return 'timeout';
  return 'other';
}

/** The error for a request that got no HTTP answer (refused, reset, timed out…). */
export function buildConnectionError(method: string, url: string, error: unknown, timeoutMs: number): ConductorApiError {
  const origin = originOf(url);
  const kind = classifyConnectionError(error);
  const messages: Record<ConnectionFailure, string> = {
    refused: `cannot reach ${origin}: connection refused — is it running? (\`conductor server start\`)`,
    'not-found': `cannot reach ${origin}: host not found — check the server URL`,
    reset: `${method} ${displayUrl(url)}: the connection was closed before an answer arrived`,
    timeout: `${method} ${displayUrl(url)} timed out after ${formatDuration(timeoutMs)} (set CONDUCTOR_CLIENT_HTTP_TIMEOUT, in seconds, to wait longer)`,
    other: `cannot reach ${origin}: ${describe(error)}`,
  };
  return new ConductorApiError(messages[kind], { method, url: displayUrl(url) }, { cause: error });
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

function describe(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}

function excerpt(text: string): string {
  const oneLine = text.trim().replace(/\s+/g, ' ');
  return oneLine.length > MAX_EXCERPT ? `${oneLine.slice(0, MAX_EXCERPT)}…` : oneLine;
}

const MASK = '****';

/** The body with every secret replaced by ****; a body that held one is reduced to its message fields. */
function maskSecrets(body: unknown, secrets: readonly string[]): unknown {
  // Very short values would mask ordinary words; real keys and tokens are long.
  const values = secrets.filter((secret) => secret.length >= 6);
  if (values.length === 0 || body === undefined) return body;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (!values.some((secret) => text.includes(secret))) return body;
  const mask = (value: string) => values.reduce((text, secret) => text.split(secret).join(MASK), value);
  if (typeof body === 'string') return mask(body);
  // Rebuilt from the fields a message uses, each masked: nothing else of that body is kept.
  const server = parseServerError(body);
  const masked: ServerErrorBody = {};
  if (server.error !== undefined) masked.error = mask(server.error);
  if (server.message !== undefined) masked.message = mask(server.message);
  if (server.validationErrors) {
    masked.validationErrors = server.validationErrors.map((item) => ({
      ...(item.path !== undefined ? { path: mask(item.path) } : {}),
      ...(item.message !== undefined ? { message: mask(item.message) } : {}),
    }));
  }
  return masked;
}
