/**
 * The official Conductor CLI's config files (conductor-oss/conductor-cli
 * internal/cliconfig): `~/.conductor-cli/config.yaml` is the default profile,
 * `config-<profile>.yaml` a named one, with the keys server, server-type, auth-key,
 * auth-secret, auth-token, cached-token, cached-token-expiry. Unlike environment files these
 * may hold secrets literally, so they are written with mode 0600 and their values are never
 * put into messages.
 */
import { chmod, mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ValidationError } from '../errors.js';
import type { Diagnostic } from '../core/diagnostics.js';
// The `yaml` package (via ./environments-yaml.js) is imported only once a file is actually
// read or written: it costs ~38 ms to load, and most runs (e.g. `workflow status` with
// CONDUCTOR_SERVER_URL, or no ~/.conductor-cli) never open a config file (issue 6).

export const CLI_CONFIG_DIR = '.conductor-cli';

/** `--profile default` is the official CLI's alias for config.yaml. */
export const DEFAULT_PROFILE = 'default';

export const CLI_CONFIG_KEYS = ['server', 'server-type', 'auth-key', 'auth-secret', 'auth-token', 'cached-token', 'cached-token-expiry'] as const;

export type CliConfigKey = (typeof CLI_CONFIG_KEYS)[number];

/** The settings of one file; blank values are left out (a blank key supplies nothing). */
export type CliConfigValues = Partial<Record<CliConfigKey, string>>;

export function cliConfigDir(homeDir: string): string {
  return join(homeDir, CLI_CONFIG_DIR);
}

/** config.yaml for the default profile (undefined or "default"), config-<profile>.yaml otherwise. */
export function cliConfigPath(homeDir: string, profile?: string): string {
  const isDefault = profile === undefined || profile === DEFAULT_PROFILE;
  return join(cliConfigDir(homeDir), isDefault ? 'config.yaml' : `config-${profile}.yaml`);
}

/**
 * Reads one config file; undefined when it does not exist. A file that is not a YAML
 * mapping, or a known key with a non-scalar value, throws ValidationError (CONFIG_INVALID).
 * Unknown keys are ignored: newer official CLIs may add some.
 */
export async function readCliConfigFile(path: string): Promise<CliConfigValues | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const { parseYamlWithLines } = await import('./environments-yaml.js');
  const parsed = parseYamlWithLines(text, path, 'CONFIG_INVALID');
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const values: CliConfigValues = {};
  const doc = parsed.value ?? {};
  if (diagnostics.length === 0 && (typeof doc !== 'object' || Array.isArray(doc))) {
    diagnostics.push({ severity: 'error', code: 'CONFIG_INVALID', message: 'a config file must be a YAML mapping', file: path, line: 1 });
  } else if (diagnostics.length === 0) {
    for (const key of CLI_CONFIG_KEYS) {
      const value = (doc as Record<string, unknown>)[key];
      if (value === undefined || value === null || value === '') continue;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        values[key] = String(value);
      } else {
        const line = parsed.lines[`/${key}`];
        diagnostics.push({
          severity: 'error',
          code: 'CONFIG_INVALID',
          message: `"${key}" must be a single value`,
          file: path,
          pointer: `/${key}`,
          ...(line === undefined ? {} : { line }),
        });
      }
    }
  }
  if (diagnostics.length > 0) throw new ValidationError(`cannot read config file ${path}`, diagnostics, { code: 'CONFIG_INVALID' });
  return values;
}

/** Writes a config file in the official format, creating ~/.conductor-cli (0700); the file is 0600. */
export async function writeCliConfigFile(path: string, values: CliConfigValues): Promise<void> {
  const ordered: Record<string, string | number> = {};
  for (const key of CLI_CONFIG_KEYS) {
    const value = values[key];
    if (value === undefined || value === '') continue;
    ordered[key] = key === 'cached-token-expiry' && /^\d+$/.test(value) ? Number(value) : value;
  }
  const { stringify } = await import('yaml');
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  await writeFile(path, stringify(ordered), { encoding: 'utf8', mode: 0o600 });
  // writeFile's mode applies only when the file is created; tighten an existing one too.
  await chmod(path, 0o600);
}

/** Deletes a config file; false when there was none. */
export async function deleteCliConfigFile(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

export interface CliProfileFile {
  /** "default" for config.yaml. */
  profile: string;
  path: string;
}

/** The profiles in ~/.conductor-cli: default first, then named ones sorted. */
export async function listCliProfileFiles(homeDir: string): Promise<CliProfileFile[]> {
  const dir = cliConfigDir(homeDir);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const named = entries
    .map((entry) => /^config-(.+)\.yaml$/.exec(entry)?.[1])
    .filter((name): name is string => name !== undefined && name !== DEFAULT_PROFILE)
    .sort()
    .map((profile) => ({ profile, path: join(dir, `config-${profile}.yaml`) }));
  const hasDefault = entries.includes('config.yaml');
  return [...(hasDefault ? [{ profile: DEFAULT_PROFILE, path: join(dir, 'config.yaml') }] : []), ...named];
}
