/**
 * Use case over the repo's environments: list them. Receives the repo
 * root (`cwd`) from the caller; never reads process state itself.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { ServerType } from '../core/environment.js';
import { displayServerUrl, normalizeServerUrl } from '../core/environment-target.js';
import { environmentFilePath, listEnvironmentNames, readEnvironment } from '../repo/environments.js';

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
