/**
 * Reads environment files, `<root>/environments/<name>.yaml`: parse (with line numbers),
 * check (validation/environment-document.ts), then build the core Environment. Problems in the file
 * are returned as diagnostics; only I/O failures other than "not found" throw.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, WithDiagnostics } from '../core/diagnostics.js';
import { hasErrors } from '../core/diagnostics.js';
import type { Environment, EnvironmentOverride, GlobFilter, ServerType, VariableValue, VersioningPolicy } from '../core/environment.js';
import { DEFAULT_PARALLELISM, ENVIRONMENT_NAME, parseOverrideKey } from '../core/environment.js';
import type { JsonObject } from '../core/model.js';
import { checkEnvironmentDocument } from '../validation/environment-document.js';
import { parseYamlWithLines } from './environments-yaml.js';

export const ENVIRONMENTS_DIR = 'environments';

export { ENVIRONMENT_NAME } from '../core/environment.js';

/** `environments/<name>.yaml`, relative to the repo root (the form used in diagnostics). */
export function environmentFilePath(name: string): string {
  return `${ENVIRONMENTS_DIR}/${name}.yaml`;
}

/** Names of the environment files in `<root>/environments`, sorted; [] when the folder is missing. */
export async function listEnvironmentNames(root: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(join(root, ENVIRONMENTS_DIR));
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.endsWith('.yaml'))
    .map((entry) => entry.slice(0, -'.yaml'.length))
    .filter((name) => ENVIRONMENT_NAME.test(name))
    .sort();
}

/**
 * Reads `<root>/environments/<name>.yaml`. Returns undefined when the file does not exist;
 * otherwise the environment (undefined if it has errors) with every diagnostic found.
 */
export async function readEnvironment(root: string, name: string): Promise<WithDiagnostics<Environment | undefined> | undefined> {
  if (!ENVIRONMENT_NAME.test(name)) return undefined;
  const file = environmentFilePath(name);
  let text: string;
  try {
    text = await readFile(join(root, file), 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  return buildEnvironmentFromText(text, name, file);
}

/** Parses and checks the text of an environment file. Exported for tests and tools. */
export function buildEnvironmentFromText(text: string, name: string, file: string): WithDiagnostics<Environment | undefined> {
  const parsed = parseYamlWithLines(text, file, 'ENV_YAML');
  if (hasErrors(parsed.diagnostics)) return { value: undefined, diagnostics: parsed.diagnostics };
  const doc = parsed.value ?? {};
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...checkEnvironmentDocument(doc, file, parsed.lines)];
  if (hasErrors(diagnostics)) return { value: undefined, diagnostics };
  return { value: toEnvironment(doc as EnvironmentDocument, name, file, parsed.lines), diagnostics };
}

/** The document's shape once the schema has accepted it. */
interface EnvironmentDocument {
  description?: string;
  server: { url: string; type?: ServerType };
  auth?: { keyIdEnv?: string; keySecretEnv?: string; tokenEnv?: string };
  definitions?: { paths?: Partial<GlobFilter>; names?: Partial<GlobFilter> };
  variables?: Record<string, VariableValue>;
  overrides?: Record<string, JsonObject>;
  versioning?: VersioningPolicy;
  prune?: Partial<GlobFilter>;
  parallelism?: number;
}

function toEnvironment(doc: EnvironmentDocument, name: string, file: string, lines: Record<string, number>): Environment {
  const overrides: EnvironmentOverride[] = Object.entries(doc.overrides ?? {}).map(([target, patch]) => ({
    ...parseOverrideKey(target)!,
    patch,
  }));
  const environment: Environment = {
    name,
    file,
    server: { url: doc.server.url, type: doc.server.type ?? 'OSS' },
    auth: { ...doc.auth },
    definitions: { paths: toFilter(doc.definitions?.paths), names: toFilter(doc.definitions?.names) },
    variables: { ...doc.variables },
    overrides,
    versioning: doc.versioning ?? 'bump',
    prune: toFilter(doc.prune),
    parallelism: doc.parallelism ?? DEFAULT_PARALLELISM,
    lines,
  };
  if (doc.description !== undefined) environment.description = doc.description;
  return environment;
}

function toFilter(filter: Partial<GlobFilter> | undefined): GlobFilter {
  return { include: [...(filter?.include ?? [])], exclude: [...(filter?.exclude ?? [])] };
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
