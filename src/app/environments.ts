/**
 * Use cases over the repo's environments: list them, load one by name. Receives the repo
 * root (`cwd`) from the caller; never reads process state itself.
 */
import { UsageError, ValidationError } from '../errors.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { hasErrors } from '../core/diagnostics.js';
import type { Environment, ServerType } from '../core/environment.js';
import { displayServerUrl, normalizeServerUrl } from '../core/environment-target.js';
import { environmentFilePath, listEnvironmentNames, readEnvironment } from '../repo/environments.js';

export interface LoadEnvironmentOptions {
  /** The repo root; environments live in `<cwd>/environments`. */
  cwd: string;
  name: string;
}

/**
 * Reads and validates `environments/<name>.yaml`. Throws UsageError ENV_NOT_FOUND (the hint
 * lists the environments that exist) or ValidationError ENV_INVALID with every diagnostic.
 * Unlike resolveTarget it does not fall back to the official CLI's profile files.
 */
export async function loadEnvironment(options: LoadEnvironmentOptions): Promise<Environment> {
  const read = await readEnvironment(options.cwd, options.name);
  if (!read) {
    const names = await listEnvironmentNames(options.cwd);
    throw new UsageError(`unknown environment "${options.name}": there is no ${environmentFilePath(options.name)}`, {
      code: 'ENV_NOT_FOUND',
      hint: names.length > 0 ? `available: ${names.join(', ')}` : 'no environment files in ./environments',
    });
  }
  if (!read.value || hasErrors(read.diagnostics)) {
    throw new ValidationError(`environment "${options.name}" is invalid`, read.diagnostics, { code: 'ENV_INVALID' });
  }
  return read.value;
}

export interface EnvironmentSummary {
  name: string;
  file: string;
  /** Absent when the file is invalid. */
  serverUrl?: string;
  serverType?: ServerType;
  description?: string;
  isValid: boolean;
}

export interface ListEnvironmentsResult {
  environments: EnvironmentSummary[];
  /** Problems of the invalid files, all of them. */
  diagnostics: Diagnostic[];
}

/** Every `environments/*.yaml`, sorted by name, invalid ones included (with their diagnostics). */
export async function listEnvironments(options: { cwd: string }): Promise<ListEnvironmentsResult> {
  const environments: EnvironmentSummary[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of await listEnvironmentNames(options.cwd)) {
    const read = await readEnvironment(options.cwd, name);
    if (!read) continue;
    diagnostics.push(...read.diagnostics);
    const env = read.value;
    const summary: EnvironmentSummary = { name, file: environmentFilePath(name), isValid: env !== undefined };
    if (env) {
      summary.serverUrl = normalizeServerUrl(env.server.url) ?? displayServerUrl(env.server.url);
      summary.serverType = env.server.type;
      if (env.description !== undefined) summary.description = env.description;
    }
    environments.push(summary);
  }
  return { environments, diagnostics };
}
