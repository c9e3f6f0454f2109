/**
 * The connection every runtime use case takes as its first argument. The cli opens it once
 * per command from the resolved Target (app/resolve-target.ts) and never sees the adapter.
 */
import type { HttpClient } from '../../conductor/http.js';
import type { Target } from '../../core/environment-target.js';
import { ConductorApiError, CliError } from '../../errors.js';
import { createClientForTarget, type ClientHooks, type Env } from '../conductor-client.js';

export type RuntimeClient = HttpClient;

export interface ConnectOptions {
  target: Pick<Target, 'serverUrl' | 'auth'>;
  env: Env;
  onWarning?: (message: string) => void;
  hooks?: ClientHooks;
}

export function connectRuntime(options: ConnectOptions): RuntimeClient {
  return createClientForTarget(options.target, options.env, options.onWarning ?? (() => undefined), options.hooks);
}

/** Runs `call`; a 404 becomes CliError(code, message) naming what is missing, with the API error as cause. */
export async function orNotFound<T>(call: Promise<T>, code: string, message: string): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ConductorApiError && error.status === 404) throw new CliError(code, message, { cause: error });
    throw error;
  }
}
