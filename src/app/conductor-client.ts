/**
 * The HTTP client for a resolved Target. The only app-level knowledge here: auth kinds map
 * to client auth, and CONDUCTOR_CLIENT_HTTP_TIMEOUT (seconds, the Go SDK's variable) comes
 * from the env the cli passes in.
 */
import { createConductorClient, parseTimeoutSeconds, type ClientAuth, type ClientConfig } from '../conductor/client.js';
import type { HttpClient } from '../conductor/http.js';
import type { Target } from '../core/environment-target.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Test and benchmark seams; everything else comes from the target. */
export type ClientHooks = Pick<ClientConfig, 'fetch' | 'sleep' | 'random' | 'now' | 'onRequest' | 'retry'>;

export function createClientForTarget(
  target: Pick<Target, 'serverUrl' | 'auth'>,
  env: Env,
  onWarning: (message: string) => void,
  hooks: ClientHooks = {},
): HttpClient {
  const timeoutMs = parseTimeoutSeconds(env['CONDUCTOR_CLIENT_HTTP_TIMEOUT']);
  const auth: ClientAuth | undefined =
    target.auth.kind === 'key'
      ? { keyId: target.auth.keyId, keySecret: target.auth.keySecret }
      : target.auth.kind === 'token'
        ? { token: target.auth.token }
        : undefined;
  return createConductorClient({
    serverUrl: target.serverUrl,
    ...(auth ? { auth } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    onWarning,
    ...hooks,
  });
}
