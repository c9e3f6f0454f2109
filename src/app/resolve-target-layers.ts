/**
 * Picks the ONE layer that supplies connection settings below the flags (see the precedence
 * in app/resolve-target.ts) and reads it: an environment file, an official-CLI profile file
 * (or the `--config` file), the CONDUCTOR_* variables, the default config file, or nothing.
 * Layers are never mixed, so a server URL from one place is never paired with credentials
 * from another.
 */
import { resolve } from 'node:path';
import { UsageError, ValidationError } from '../errors.js';
import { hasErrors } from '../core/diagnostics.js';
import { ENVIRONMENT_NAME, type Environment } from '../core/environment.js';
import type { SettingName, SettingSource, TargetSourceKind } from '../core/environment-target.js';
import { cliConfigPath, listCliProfileFiles, readCliConfigFile, type CliConfigValues } from '../repo/cli-config.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** One setting as a layer supplies it; `value` is undefined when a referenced variable is unset. */
export interface LayerEntry {
  value?: string;
  source: SettingSource;
}

export interface Layer {
  kind: TargetSourceKind;
  profile?: string;
  file?: string;
  environment?: Environment;
  settings: Partial<Record<SettingName, LayerEntry>>;
}

export interface SelectLayerInput {
  profile?: string;
  config?: string;
  env: Env;
  cwd: string;
  homeDir: string;
}

/** The CONDUCTOR_* variables that carry settings (CONDUCTOR_PROFILE selects a file instead). */
export const SETTING_ENV_VARS: Readonly<Record<SettingName, string>> = {
  server: 'CONDUCTOR_SERVER_URL',
  'server-type': 'CONDUCTOR_SERVER_TYPE',
  'auth-key': 'CONDUCTOR_AUTH_KEY',
  'auth-secret': 'CONDUCTOR_AUTH_SECRET',
  'auth-token': 'CONDUCTOR_AUTH_TOKEN',
};

export async function selectLayer(input: SelectLayerInput): Promise<Layer> {
  const { profile, config, env, cwd, homeDir } = input;
  if (profile !== undefined) {
    if (!ENVIRONMENT_NAME.test(profile)) {
      throw new UsageError(`invalid profile name "${profile}": use letters, digits, ".", "_" and "-"`, { code: 'PROFILE_NAME_INVALID' });
    }
    // Loaded only when a profile is named: it brings ajv, which a plain run does not need.
    const { readEnvironment } = await import('../repo/environments.js');
    const read = await readEnvironment(cwd, profile);
    if (read) {
      if (!read.value || hasErrors(read.diagnostics)) {
        throw new ValidationError(`environment "${profile}" is invalid`, read.diagnostics, { code: 'ENV_INVALID' });
      }
      if (config !== undefined) {
        throw new UsageError(`--config cannot be combined with --profile ${profile}, which selects ${read.value.file}`, {
          code: 'PROFILE_CONFLICT',
        });
      }
      return environmentLayer(read.value, env);
    }
    const path = config !== undefined ? resolve(cwd, config) : cliConfigPath(homeDir, profile);
    const values = await readCliConfigFile(path);
    if (values) return fileLayer('profile-file', path, values, profile);
    if (config !== undefined) throw configNotFound(path);
    throw await unknownProfile(profile, cwd, homeDir);
  }
  if (config !== undefined) {
    const path = resolve(cwd, config);
    const values = await readCliConfigFile(path);
    if (!values) throw configNotFound(path);
    return fileLayer('profile-file', path, values);
  }
  const fromEnv = envLayer(env);
  if (fromEnv) return fromEnv;
  const defaultPath = cliConfigPath(homeDir);
  const values = await readCliConfigFile(defaultPath);
  if (values) return fileLayer('default-file', defaultPath, values);
  return { kind: 'default', settings: {} };
}

function environmentLayer(environment: Environment, env: Env): Layer {
  const file = environment.file;
  const settings: Layer['settings'] = {
    server: { value: environment.server.url, source: { kind: 'environment', file } },
    'server-type': { value: environment.server.type, source: { kind: 'environment', file } },
  };
  const refs: [SettingName, string | undefined][] = [
    ['auth-key', environment.auth.keyIdEnv],
    ['auth-secret', environment.auth.keySecretEnv],
    ['auth-token', environment.auth.tokenEnv],
  ];
  for (const [name, variable] of refs) {
    if (variable === undefined) continue;
    const value = nonEmpty(env[variable]);
    settings[name] = { ...(value === undefined ? {} : { value }), source: { kind: 'environment', file, variable } };
  }
  return { kind: 'environment', profile: environment.name, file, environment, settings };
}

function fileLayer(kind: 'profile-file' | 'default-file', file: string, values: CliConfigValues, profile?: string): Layer {
  const settings: Layer['settings'] = {};
  for (const name of Object.keys(SETTING_ENV_VARS) as SettingName[]) {
    const value = values[name];
    if (value !== undefined) settings[name] = { value, source: { kind, file } };
  }
  return { kind, file, settings, ...(profile === undefined ? {} : { profile }) };
}

/** The environment layer, or undefined when no setting variable is set (all-or-nothing, as the official CLI). */
function envLayer(env: Env): Layer | undefined {
  const settings: Layer['settings'] = {};
  for (const [name, variable] of Object.entries(SETTING_ENV_VARS) as [SettingName, string][]) {
    const value = nonEmpty(env[variable]);
    if (value !== undefined) settings[name] = { value, source: { kind: 'env', variable } };
  }
  return Object.keys(settings).length === 0 ? undefined : { kind: 'env', settings };
}

function configNotFound(path: string): UsageError {
  return new UsageError(`config file not found: ${path}`, { code: 'CONFIG_NOT_FOUND' });
}

async function unknownProfile(profile: string, cwd: string, homeDir: string): Promise<UsageError> {
  const { listEnvironmentNames } = await import('../repo/environments.js');
  const environments = await listEnvironmentNames(cwd);
  const profiles = (await listCliProfileFiles(homeDir)).map((p) => p.profile);
  const available = [
    environments.length > 0 ? `environments: ${environments.join(', ')}` : 'no environments in ./environments',
    profiles.length > 0 ? `official CLI profiles: ${profiles.join(', ')}` : undefined,
  ].filter(Boolean);
  return new UsageError(
    `unknown profile "${profile}": there is no environments/${profile}.yaml and no ${cliConfigPath(homeDir, profile)}`,
    { code: 'ENV_NOT_FOUND', hint: available.join('; ') },
  );
}

export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
