/**
 * Resolves which Conductor server to talk to and with which credentials.
 *
 * Precedence, highest first (docs/style.md "Commands are thin"; the official CLI's rules):
 * 1. Flags `--server`, `--server-type`, `--auth-token`, `--auth-key`, `--auth-secret`, each
 *    overriding one setting. Credential flags replace the credentials of the layer below
 *    as a whole (`--auth-token` drops a profile's key pair; a key flag drops its token).
 * 2. The selected profile: `--profile <name>`, else `CONDUCTOR_PROFILE`. The name selects
 *    `environments/<name>.yaml` when it exists, else the official CLI's
 *    `~/.conductor-cli/config-<name>.yaml` ("default" = config.yaml). `--config <file>` is
 *    read instead of the official file, and without a profile name acts as one.
 * 3. CONDUCTOR_SERVER_URL, CONDUCTOR_SERVER_TYPE, CONDUCTOR_AUTH_KEY/SECRET/TOKEN, only
 *    when no profile is selected. If any is set, they replace the default file entirely.
 * 4. `~/.conductor-cli/config.yaml`.
 * 5. Built-in defaults: http://localhost:8080/api, OSS, no auth.
 * Layers 2–4 are exclusive: exactly one of them (or none) supplies every setting the flags
 * leave open; settings it lacks take built-in defaults, never values from a lower layer.
 * So an exported CONDUCTOR_SERVER_URL never redirects an active profile. Within the
 * resulting settings a token wins over a key pair. A URL without `/api` gets it appended.
 */
import { UsageError } from '../errors.js';
import type { ServerType } from '../core/environment.js';
import type { SettingName, Target, TargetAuth, TargetProblem } from '../core/environment-target.js';
import { checkServerUrl, DEFAULT_SERVER_URL, normalizeServerUrl } from '../core/environment-target.js';
import { nonEmpty, selectLayer, type Env, type Layer, type LayerEntry } from './resolve-target-layers.js';

/** The global flags that affect the target (cli/context.ts GlobalOptions has the same names). */
export interface TargetFlags {
  profile?: string;
  config?: string;
  server?: string;
  serverType?: string;
  authKey?: string;
  authSecret?: string;
  authToken?: string;
}

export interface ResolveTargetInput {
  flags: TargetFlags;
  /** The process environment, passed in by the cli. */
  env: Env;
  /** The repo root: environments are read from `<cwd>/environments`. */
  cwd: string;
  /** `~`: official-CLI files are read from `<homeDir>/.conductor-cli`. */
  homeDir: string;
  /**
   * true (default): an unresolvable setting (unset credential variable, key without secret,
   * bad URL or server type) throws UsageError. false: it is reported in `target.problems`,
   * for commands that only display the configuration.
   */
  strict?: boolean;
}

/**
 * Throws UsageError ENV_NOT_FOUND (unknown profile; the hint lists what exists),
 * PROFILE_NAME_INVALID, PROFILE_CONFLICT, CONFIG_NOT_FOUND, and in strict mode
 * AUTH_ENV_MISSING, AUTH_INCOMPLETE, SERVER_URL_INVALID, SERVER_TYPE_INVALID; ValidationError
 * ENV_INVALID / CONFIG_INVALID for a broken file. Messages name variables, never values.
 */
export async function resolveTarget(input: ResolveTargetInput): Promise<Target> {
  const { flags, env, cwd, homeDir } = input;
  const profile = nonEmpty(flags.profile) ?? (nonEmpty(flags.config) ? undefined : nonEmpty(env['CONDUCTOR_PROFILE']));
  const config = nonEmpty(flags.config);
  const layer = await selectLayer({ env, cwd, homeDir, ...(profile === undefined ? {} : { profile }), ...(config === undefined ? {} : { config }) });
  const settings = applyFlags(layer.settings, flags);
  const problems: TargetProblem[] = [];
  const sources: Target['sources'] = {};

  const server = settings.server;
  let serverUrl = DEFAULT_SERVER_URL;
  sources.server = server?.source ?? { kind: 'default' };
  if (server?.value !== undefined) {
    const normalized = normalizeServerUrl(server.value);
    if (normalized) serverUrl = normalized;
    else problems.push({ code: 'SERVER_URL_INVALID', message: `the server URL from ${where(server)} ${checkServerUrl(server.value) ?? 'is invalid'}` });
  }

  const type = settings['server-type'];
  let serverType: ServerType = 'OSS';
  sources['server-type'] = type?.source ?? { kind: 'default' };
  if (type?.value !== undefined) {
    const parsed = parseServerType(type.value);
    if (parsed) serverType = parsed;
    else problems.push({ code: 'SERVER_TYPE_INVALID', message: `the server type from ${where(type)} must be OSS or Enterprise` });
  }

  const auth = resolveAuth(settings, layer, sources, problems);
  if (problems.length > 0 && input.strict !== false) {
    const [first] = problems;
    throw new UsageError(problems.map((p) => p.message).join('; '), {
      code: first!.code,
      ...(first!.hint === undefined ? {} : { hint: first!.hint }),
    });
  }
  const target: Target = { source: layer.kind, serverUrl, serverType, auth, sources, problems };
  if (layer.profile !== undefined) target.profile = layer.profile;
  else if (profile !== undefined) target.profile = profile;
  if (layer.file !== undefined) target.file = layer.file;
  if (layer.environment !== undefined) target.environment = layer.environment;
  return target;
}

type Settings = Partial<Record<SettingName, LayerEntry>>;

function applyFlags(base: Settings, flags: TargetFlags): Settings {
  const settings: Settings = { ...base };
  const flag = (name: SettingName, value: string | undefined) => {
    const given = nonEmpty(value);
    if (given !== undefined) settings[name] = { value: given, source: { kind: 'flag', flag: `--${name}` } };
  };
  flag('server', flags.server);
  flag('server-type', flags.serverType);
  if (nonEmpty(flags.authToken) !== undefined) {
    delete settings['auth-key'];
    delete settings['auth-secret'];
    flag('auth-token', flags.authToken);
  } else if (nonEmpty(flags.authKey) !== undefined || nonEmpty(flags.authSecret) !== undefined) {
    delete settings['auth-token'];
    flag('auth-key', flags.authKey);
    flag('auth-secret', flags.authSecret);
  }
  return settings;
}

function resolveAuth(settings: Settings, layer: Layer, sources: Target['sources'], problems: TargetProblem[]): TargetAuth {
  const token = settings['auth-token'];
  const key = settings['auth-key'];
  const secret = settings['auth-secret'];
  if (token?.value !== undefined) {
    sources['auth-token'] = token.source;
    return { kind: 'token', token: token.value };
  }
  if (key?.value !== undefined && secret?.value !== undefined) {
    sources['auth-key'] = key.source;
    sources['auth-secret'] = secret.source;
    return { kind: 'key', keyId: key.value, keySecret: secret.value };
  }
  const configured = [key, secret, token].filter((entry): entry is LayerEntry => entry !== undefined);
  if (configured.length === 0) return { kind: 'none' };
  for (const [name, entry] of [['auth-key', key], ['auth-secret', secret], ['auth-token', token]] as const) {
    if (entry) sources[name] = entry.source;
  }
  const unset = configured.flatMap((entry) =>
    entry.value === undefined && entry.source.kind === 'environment' && entry.source.variable ? [entry.source.variable] : [],
  );
  if (unset.length > 0) {
    const owner = layer.environment ? `environment "${layer.environment.name}" (${layer.file})` : 'the selected profile';
    problems.push({
      code: 'AUTH_ENV_MISSING',
      message: `${owner} reads credentials from environment variables that are not set: ${unset.join(', ')}`,
      hint: `set ${describeAuthVariables(layer)}, or pass --auth-token, or --auth-key and --auth-secret`,
      variables: unset,
    });
  } else {
    const present = key ?? secret!;
    problems.push({
      code: 'AUTH_INCOMPLETE',
      message: `${key ? 'auth-key' : 'auth-secret'} from ${where(present)} has no ${key ? 'auth-secret' : 'auth-key'}`,
      hint: 'a key id needs its secret; or use a token',
    });
  }
  return { kind: 'none' };
}

/** `CONDUCTOR_X_TOKEN, or CONDUCTOR_X_KEY_ID and CONDUCTOR_X_KEY_SECRET`. */
function describeAuthVariables(layer: Layer): string {
  const auth = layer.environment?.auth ?? {};
  const pair = auth.keyIdEnv && auth.keySecretEnv ? `${auth.keyIdEnv} and ${auth.keySecretEnv}` : undefined;
  return [auth.tokenEnv, pair].filter(Boolean).join(', or ') || 'the variables';
}

function parseServerType(value: string): ServerType | undefined {
  const lower = value.trim().toLowerCase();
  if (lower === 'oss') return 'OSS';
  if (lower === 'enterprise') return 'Enterprise';
  return undefined;
}

function where(entry: LayerEntry): string {
  const source = entry.source;
  switch (source.kind) {
    case 'flag':
      return source.flag;
    case 'env':
      return source.variable;
    case 'environment':
      return source.variable ?? source.file;
    case 'profile-file':
    case 'default-file':
      return source.file;
    case 'default':
      return 'the default';
  }
}
