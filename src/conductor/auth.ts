/**
 * Orkes authentication (conductor-api.md §7): a key id and secret are exchanged for a JWT at
 * `POST /api/token`; every call then carries `X-Authorization: <token>` (no "Bearer").
 *
 * The token is refreshed before it expires: 5 minutes before the JWT's `exp` (as the
 * official CLI does), or 45 minutes after minting when the token has no readable `exp` (the
 * JS SDK's interval). It is refreshed once more when the server answers 401/403 with
 * EXPIRED_TOKEN or INVALID_TOKEN (see http.ts). Concurrent callers share one mint.
 *
 * A server without `/api/token` (404) is an OSS server: we continue without auth and warn
 * once, as the JS SDK does. Secrets live only in the token request body; errors built from
 * that request never include it.
 */
import { ConductorApiError } from '../errors.js';
import { createHttpClient, type AuthProvider, type HttpClientOptions } from './http.js';

export interface KeyCredentials {
  keyId: string;
  keySecret: string;
}

export interface KeyAuthOptions extends Omit<HttpClientOptions, 'auth' | 'now'> {
  /** Wall-clock milliseconds (JWT `exp` is wall-clock); default Date.now. */
  now?: () => number;
  onWarning?: (message: string) => void;
}

export const TOKEN_HEADER = 'X-Authorization';
const EARLY_REFRESH_MS = 5 * 60_000;
const FALLBACK_LIFETIME_MS = 45 * 60_000;

/** A fixed token (CONDUCTOR_AUTH_TOKEN): sent as is, never refreshed. */
export function createStaticTokenAuth(token: string): AuthProvider {
  return { headers: async () => ({ [TOKEN_HEADER]: token }), refresh: async () => false };
}

/** Key id + secret → token, cached and refreshed before expiry. */
export function createKeyAuth(credentials: KeyCredentials, options: KeyAuthOptions): AuthProvider {
  const now = options.now ?? Date.now;
  const http = createHttpClient({ ...options, now });
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string | undefined> | undefined;
  let isOss = false;

  async function mint(): Promise<string | undefined> {
    let body: unknown;
    try {
      ({ body } = await http.request('POST', '/token', {
        body: { keyId: credentials.keyId, keySecret: credentials.keySecret },
        idempotent: true, // minting a token has no lasting effect
        secrets: [credentials.keyId, credentials.keySecret],
      }));
    } catch (error) {
      if (error instanceof ConductorApiError && error.status === 404) {
        isOss = true;
        options.onWarning?.(`${http.baseUrl} has no /token endpoint (an OSS server?): continuing without authentication`);
        return undefined;
      }
      throw wrapAuthError(error);
    }
    const token = readToken(body);
    cached = { token, refreshAt: computeRefreshAt(token, now()) };
    return token;
  }

  async function currentToken(): Promise<string | undefined> {
    if (isOss) return undefined;
    if (cached && now() < cached.refreshAt) return cached.token;
    inFlight ??= mint().finally(() => (inFlight = undefined));
    return inFlight;
  }

  return {
    async headers(): Promise<Record<string, string>> {
      const token = await currentToken();
      return token === undefined ? {} : { [TOKEN_HEADER]: token };
    },
    async refresh() {
      if (isOss) return false;
      cached = undefined;
      await currentToken();
      return true;
    },
  };
}

/** When to mint again: 5 min before `exp` (at most half the remaining life), else in 45 min. */
export function computeRefreshAt(token: string, nowMs: number): number {
  const expMs = readJwtExpiryMs(token);
  if (expMs === undefined) return nowMs + FALLBACK_LIFETIME_MS;
  const remaining = expMs - nowMs;
  return expMs - Math.min(EARLY_REFRESH_MS, Math.max(0, remaining) / 2);
}

/** The `exp` claim of a JWT in milliseconds, or undefined when it is not a readable JWT. */
export function readJwtExpiryMs(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = claims !== null && typeof claims === 'object' ? (claims as Record<string, unknown>)['exp'] : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function readToken(body: unknown): string {
  const token = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['token'] : body;
  if (typeof token === 'string' && token.length > 0) return token;
  throw new ConductorApiError('POST /token answered without a token', { method: 'POST', url: '/token' }, {
    code: 'AUTH_NO_TOKEN',
  });
}

function wrapAuthError(error: unknown): unknown {
  if (!(error instanceof ConductorApiError) || error.status === undefined) return error;
  return new ConductorApiError(
    `authentication failed: ${error.message}`,
    { method: error.method, url: error.url, status: error.status, ...(error.serverMessage ? { serverMessage: error.serverMessage } : {}) },
    {
      code: 'AUTH_FAILED',
      hint: 'check the key id and secret (the environment\'s auth settings, --auth-key/--auth-secret, CONDUCTOR_AUTH_KEY/CONDUCTOR_AUTH_SECRET)',
    },
  );
}
