/**
 * The resolved connection target (which server, which credentials, and where each setting
 * came from) and its display form with secrets masked. Pure types and helpers: resolution
 * itself, which reads files and the environment, is app/resolve-target.ts.
 */
import type { Environment, ServerType } from './environment.js';

export const DEFAULT_SERVER_URL = 'http://localhost:8080/api';

/** The settings, named as in the official CLI's config files. */
export type SettingName = 'server' | 'server-type' | 'auth-key' | 'auth-secret' | 'auth-token';

export const SETTING_NAMES: readonly SettingName[] = ['server', 'server-type', 'auth-key', 'auth-secret', 'auth-token'];

/** Settings whose values are masked whenever displayed (as the official CLI does). */
export const SECRET_SETTINGS: ReadonlySet<SettingName> = new Set(['auth-key', 'auth-secret', 'auth-token']);

/** Where one setting's value came from. */
export type SettingSource =
  | { kind: 'flag'; flag: string }
  /** An environment file; `variable` names the env var that holds a credential. */
  | { kind: 'environment'; file: string; variable?: string }
  /** `~/.conductor-cli/config-<profile>.yaml`, or the file given with `--config`. */
  | { kind: 'profile-file'; file: string }
  | { kind: 'env'; variable: string }
  /** `~/.conductor-cli/config.yaml` when no profile is selected. */
  | { kind: 'default-file'; file: string }
  | { kind: 'default' };

/** Which layer supplied the settings that flags did not override. */
export type TargetSourceKind = 'environment' | 'profile-file' | 'env' | 'default-file' | 'default';

export type TargetAuth =
  | { kind: 'none' }
  | { kind: 'key'; keyId: string; keySecret: string }
  | { kind: 'token'; token: string };

/** A setting that could not be resolved (a referenced variable is unset, a key without its secret…). */
export interface TargetProblem {
  code: string;
  /** Never contains a secret value. */
  message: string;
  hint?: string;
  /** Environment variables that are referenced but unset (AUTH_ENV_MISSING). */
  variables?: string[];
}

export interface Target {
  /** The selected profile or environment name; undefined when none was selected. */
  profile?: string;
  source: TargetSourceKind;
  /** The file of the source layer, when it is a file. */
  file?: string;
  /** Normalized: ends with `/api`, no trailing slash. */
  serverUrl: string;
  serverType: ServerType;
  auth: TargetAuth;
  /** Present when the profile is an environment file. */
  environment?: Environment;
  /** Source of every setting that has a value (server and server-type always do). */
  sources: Partial<Record<SettingName, SettingSource>>;
  /** Empty unless resolution was lenient (`strict: false`); strict resolution throws instead. */
  problems: TargetProblem[];
}

/**
 * `http://h:8080`, `http://h:8080/`, `http://h:8080/api/` → `http://h:8080/api`. The official
 * CLI appends `/api` the same way (conductor-api.md §7). Returns undefined for anything that
 * is not usable (see `checkServerUrl`).
 */
export function normalizeServerUrl(raw: string): string | undefined {
  if (checkServerUrl(raw) !== undefined) return undefined;
  const url = new URL(raw.trim());
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/api') ? path : `${path}/api`;
  return url.toString().replace(/\/+$/, '');
}

/**
 * Why a server URL cannot be used (a phrase to follow "the server URL from <where>"), or
 * undefined when it can. Credentials in the URL are refused: fetch will not send them, and
 * the URL is printed in progress and error messages, where they would leak. The phrase never
 * contains the URL.
 */
export function checkServerUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'is not an http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'is not an http(s) URL';
  if (url.username !== '' || url.password !== '') return 'must not contain credentials (user:password@); use --auth-key/--auth-secret or --auth-token';
  // A query string or fragment cannot be a Conductor base URL, and may carry a token
  // (`?access_token=…`) that `config show` and errors would otherwise print.
  if (url.search !== '' || url.hash !== '') return 'must not contain a query string or fragment; use --auth-token for tokens';
  return undefined;
}

/** The URL without a password, for display (`https://user:****@host/api`). */
export function displayServerUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):[^/@]*@/i, '$1:****@');
}

/** `flag --server`, `env CONDUCTOR_SERVER_URL`, `environments/staging.yaml ($CONDUCTOR_STAGING_TOKEN)`. */
export function describeSource(source: SettingSource): string {
  switch (source.kind) {
    case 'flag':
      return `flag ${source.flag}`;
    case 'environment':
      return source.variable === undefined ? source.file : `${source.file} ($${source.variable})`;
    case 'profile-file':
    case 'default-file':
      return source.file;
    case 'env':
      return `env ${source.variable}`;
    case 'default':
      return 'default';
  }
}

/** One setting as displayed: the value (masked if secret), its source, and whether it is set. */
export interface SettingView {
  name: SettingName;
  value?: string;
  source?: string;
  /** The env var an environment file names for this credential, when it is unset. */
  missingVariable?: string;
}

export interface TargetView {
  profile: string | null;
  source: TargetSourceKind;
  file: string | null;
  serverUrl: string;
  serverType: ServerType;
  auth: TargetAuth['kind'];
  settings: SettingView[];
  problems: TargetProblem[];
}

/** The display form of a Target. Secrets are `****` unless `showSecrets`. */
export function buildTargetView(target: Target, options: { showSecrets?: boolean } = {}): TargetView {
  const values: Partial<Record<SettingName, string>> = { server: displayServerUrl(target.serverUrl), 'server-type': target.serverType };
  if (target.auth.kind === 'key') {
    values['auth-key'] = target.auth.keyId;
    values['auth-secret'] = target.auth.keySecret;
  } else if (target.auth.kind === 'token') {
    values['auth-token'] = target.auth.token;
  }
  const unset = new Set(target.problems.flatMap((problem) => problem.variables ?? []));
  const settings: SettingView[] = SETTING_NAMES.map((name) => {
    const view: SettingView = { name };
    const raw = values[name];
    if (raw !== undefined) view.value = SECRET_SETTINGS.has(name) && !options.showSecrets ? '****' : raw;
    const source = target.sources[name];
    if (source) {
      view.source = describeSource(source);
      if (raw === undefined && source.kind === 'environment' && source.variable && unset.has(source.variable)) {
        view.missingVariable = source.variable;
      }
    }
    return view;
  });
  return {
    profile: target.profile ?? null,
    source: target.source,
    file: target.file ?? null,
    serverUrl: displayServerUrl(target.serverUrl),
    serverType: target.serverType,
    auth: target.auth.kind,
    settings,
    problems: target.problems,
  };
}
