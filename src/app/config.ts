/**
 * Use cases over the official CLI's profile files in `<homeDir>/.conductor-cli`: list, read,
 * save, delete. Shared with the official `conductor` CLI, so the format is theirs
 * (repo/cli-config.ts). The home directory is passed in by the caller.
 */
import { UsageError } from '../errors.js';
import { ENVIRONMENT_NAME, type ServerType } from '../core/environment.js';
import { checkServerUrl, type TargetAuth } from '../core/environment-target.js';
import {
  cliConfigPath,
  DEFAULT_PROFILE,
  deleteCliConfigFile,
  listCliProfileFiles,
  readCliConfigFile,
  writeCliConfigFile,
  type CliConfigValues,
} from '../repo/cli-config.js';

export { DEFAULT_PROFILE } from '../repo/cli-config.js';

export interface CliProfileOptions {
  homeDir: string;
  /** undefined or "default" = config.yaml. */
  profile?: string;
}

/** What a profile file holds, in our vocabulary (secrets included: the caller masks them). */
export interface CliProfile {
  profile: string;
  file: string;
  server?: string;
  serverType?: string;
  auth: TargetAuth;
}

export interface CliProfileSummary {
  profile: string;
  file: string;
  server?: string;
  serverType?: string;
  auth: TargetAuth['kind'];
}

/** The profiles in ~/.conductor-cli, default first. A broken file throws (ValidationError CONFIG_INVALID). */
export async function listCliProfiles(options: { homeDir: string }): Promise<CliProfileSummary[]> {
  const summaries: CliProfileSummary[] = [];
  for (const { profile, path } of await listCliProfileFiles(options.homeDir)) {
    const values = (await readCliConfigFile(path)) ?? {};
    const { auth, ...rest } = toProfile(profile, path, values);
    summaries.push({ ...rest, auth: auth.kind });
  }
  return summaries;
}

/** The profile's file and values; undefined when the file does not exist. */
export async function readCliProfile(options: CliProfileOptions): Promise<CliProfile | undefined> {
  const profile = checkProfileName(options.profile);
  const path = cliConfigPath(options.homeDir, profile);
  const values = await readCliConfigFile(path);
  return values ? toProfile(profile, path, values) : undefined;
}

export interface SaveCliProfileOptions extends CliProfileOptions {
  server?: string;
  serverType?: ServerType;
  /** Replaces the stored credentials (and drops the cached token) when given. */
  auth?: TargetAuth;
}

export interface SaveCliProfileResult {
  profile: string;
  file: string;
  isNew: boolean;
}

/**
 * Writes the profile file (mode 0600), keeping the settings that are not given. Throws
 * UsageError SERVER_URL_INVALID for a URL that is not http(s).
 */
export async function saveCliProfile(options: SaveCliProfileOptions): Promise<SaveCliProfileResult> {
  const profile = checkProfileName(options.profile);
  const path = cliConfigPath(options.homeDir, profile);
  const existing = await readCliConfigFile(path);
  const values: CliConfigValues = { ...existing };
  if (options.server !== undefined) {
    const problem = checkServerUrl(options.server);
    if (problem) throw new UsageError(`the server URL ${problem}`, { code: 'SERVER_URL_INVALID' });
    values.server = options.server;
  }
  if (options.serverType !== undefined) values['server-type'] = options.serverType;
  if (options.auth !== undefined) {
    for (const key of ['auth-key', 'auth-secret', 'auth-token', 'cached-token', 'cached-token-expiry'] as const) delete values[key];
    if (options.auth.kind === 'key') {
      values['auth-key'] = options.auth.keyId;
      values['auth-secret'] = options.auth.keySecret;
    } else if (options.auth.kind === 'token') {
      values['auth-token'] = options.auth.token;
    }
  }
  await writeCliConfigFile(path, values);
  return { profile, file: path, isNew: existing === undefined };
}

/** Deletes the profile file. Throws UsageError PROFILE_NOT_FOUND when there is none. */
export async function deleteCliProfile(options: CliProfileOptions): Promise<{ profile: string; file: string }> {
  const profile = checkProfileName(options.profile);
  const path = cliConfigPath(options.homeDir, profile);
  if (!(await deleteCliConfigFile(path))) {
    const known = (await listCliProfileFiles(options.homeDir)).map((p) => p.profile);
    throw new UsageError(`no such profile "${profile}": ${path} does not exist`, {
      code: 'PROFILE_NOT_FOUND',
      hint: known.length > 0 ? `profiles: ${known.join(', ')}` : 'there are no profiles in ~/.conductor-cli',
    });
  }
  return { profile, file: path };
}

/** True when the profile's file exists (even if it cannot be parsed). */
export async function hasCliProfile(options: CliProfileOptions): Promise<boolean> {
  const profile = checkProfileName(options.profile);
  return (await listCliProfileFiles(options.homeDir)).some((p) => p.profile === profile);
}

/** The path of a profile's file (it may not exist). */
export function cliProfilePath(options: CliProfileOptions): string {
  return cliConfigPath(options.homeDir, checkProfileName(options.profile));
}

function checkProfileName(profile: string | undefined): string {
  const name = profile === undefined || profile === '' ? DEFAULT_PROFILE : profile;
  if (!ENVIRONMENT_NAME.test(name)) {
    throw new UsageError(`invalid profile name "${name}": use letters, digits, ".", "_" and "-"`, { code: 'PROFILE_NAME_INVALID' });
  }
  return name;
}

function toProfile(profile: string, file: string, values: CliConfigValues): CliProfile {
  const token = values['auth-token'];
  const keyId = values['auth-key'];
  const keySecret = values['auth-secret'];
  const auth: TargetAuth =
    token !== undefined
      ? { kind: 'token', token }
      : keyId !== undefined && keySecret !== undefined
        ? { kind: 'key', keyId, keySecret }
        : { kind: 'none' };
  const result: CliProfile = { profile, file, auth };
  if (values.server !== undefined) result.server = values.server;
  if (values['server-type'] !== undefined) result.serverType = values['server-type'];
  return result;
}
