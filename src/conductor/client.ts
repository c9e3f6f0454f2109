/**
 * Builds the HTTP client for one target: base URL, timeout, retries and the auth mode
 * (none, a static token, or Orkes key id + secret). Callers (app/) pass every setting in;
 * this module reads no environment variables.
 */
import { createKeyAuth, createStaticTokenAuth } from './auth.js';
import { createHttpClient, type AuthProvider, type FetchLike, type HttpClient, type RequestEvent } from './http.js';
import type { RetryPolicy } from './retry.js';
import { UsageError } from '../errors.js';

export type ClientAuth = { keyId: string; keySecret: string } | { token: string };

export interface ClientConfig {
  serverUrl: string;
  auth?: ClientAuth;
  /** Per request attempt; default 30 s (the caller maps CONDUCTOR_CLIENT_HTTP_TIMEOUT here). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Wall-clock milliseconds. */
  now?: () => number;
  onWarning?: (message: string) => void;
  onRequest?: (event: RequestEvent) => void;
}

export function createConductorClient(config: ClientConfig): HttpClient {
  const shared = {
    serverUrl: config.serverUrl,
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.retry ? { retry: config.retry } : {}),
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.sleep ? { sleep: config.sleep } : {}),
    ...(config.random ? { random: config.random } : {}),
    ...(config.now ? { now: config.now } : {}),
    ...(config.onRequest ? { onRequest: config.onRequest } : {}),
  };
  const auth = buildAuth(config, shared);
  return createHttpClient({ ...shared, ...(auth ? { auth } : {}) });
}

function buildAuth(config: ClientConfig, shared: Parameters<typeof createKeyAuth>[1]): AuthProvider | undefined {
  if (!config.auth) return undefined;
  if ('token' in config.auth) return createStaticTokenAuth(config.auth.token);
  return createKeyAuth(config.auth, { ...shared, ...(config.onWarning ? { onWarning: config.onWarning } : {}) });
}

/** CONDUCTOR_CLIENT_HTTP_TIMEOUT is in seconds (the Go SDK's meaning); unset → undefined (the default). */
export function parseTimeoutSeconds(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`CONDUCTOR_CLIENT_HTTP_TIMEOUT must be a positive number of seconds, got "${value}"`);
  }
  return seconds * 1000;
}
