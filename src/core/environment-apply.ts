/**
 * Applies an Environment to the desired definitions: select the ones that belong to it,
 * substitute its `((variables))`, then apply its per-definition merge-patch overrides.
 * Pure: no fs, no process; returns copies and diagnostics, never throws for user mistakes.
 */
import type { Diagnostic } from './diagnostics.js';
import type { Environment, EnvironmentOverride, GlobFilter } from './environment.js';
import { escapePointerSegment, lineOfPointer } from './environment.js';
import { compileGlob } from './environment-glob.js';
import { applyMergePatch } from './environment-merge-patch.js';
import { substituteVariables } from './environment-variables.js';
import type { JsonObject, Resource, ResourceKey } from './model.js';
import { keyId } from './model.js';

export interface ApplyEnvironmentOptions {
  /**
   * Stripped from the front of `resource.source.file` before path globs are matched, for
   * readers that record absolute paths. Path globs match repo-relative paths with `/`.
   */
  baseDir?: string;
  /** Finds the line of a JSON pointer inside a definition file; falls back to the definition's own line. */
  locate?: (file: string, pointer: string) => number | undefined;
}

/**
 * The environment's view of the desired definitions, in input order. Diagnostics:
 * VAR_UNDEFINED (error, at the definition's file and line, or the override's line in the
 * environment file), OVERRIDE_IDENTITY (error: a patch may not change `name` or `version`),
 * OVERRIDE_UNUSED (warning: no selected definition matches the override's key).
 */
export function applyEnvironment(
  resources: Iterable<Resource>,
  environment: Environment,
  options: ApplyEnvironmentOptions = {},
): { value: Resource[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const used = new Set<EnvironmentOverride>();
  const value: Resource[] = [];
  for (const resource of resources) {
    if (!isSelected(resource, environment.definitions, options.baseDir)) continue;
    let body = substituteInDefinition(resource, environment, options, diagnostics);
    for (const override of environment.overrides) {
      if (!overrideMatches(override, resource.key)) continue;
      used.add(override);
      body = applyMergePatch(body, substituteInOverride(override, environment, diagnostics)) as JsonObject;
    }
    value.push({ ...resource, body });
  }
  for (const override of environment.overrides) {
    diagnostics.push(...checkOverrideIdentity(override, environment));
    if (!used.has(override)) {
      diagnostics.push({
        severity: 'warning',
        code: 'OVERRIDE_UNUSED',
        message: `override "${override.target}" matches no definition selected by environment "${environment.name}"`,
        ...envLocation(environment, overridePointer(override)),
      });
    }
  }
  return { value, diagnostics };
}

/** True when the resource belongs to the environment (both the path and the name filters admit it). */
export function isSelected(resource: Resource, filters: Environment['definitions'], baseDir?: string): boolean {
  const file = resource.source?.file;
  const path = file === undefined ? undefined : relativePath(file, baseDir);
  const pathAdmitted =
    filters.paths.include.length === 0 || (path !== undefined && filters.paths.include.some((p) => compileGlob(p).test(path)));
  if (!pathAdmitted) return false;
  if (path !== undefined && filters.paths.exclude.some((p) => compileGlob(p).test(path))) return false;
  return isNameInFilter(resource.key, filters.names, true);
}

/**
 * True when `--prune` may delete this definition on the environment's server: its name
 * matches a prune include glob and no exclude glob. An empty include list admits nothing.
 */
export function isInPruneScope(key: ResourceKey, prune: GlobFilter): boolean {
  return isNameInFilter(key, prune, false);
}

/**
 * A glob containing `@` is matched against the key id (`workflowDef/order_flow@3`), one
 * containing `/` against `kind/name` (`taskDef/payment_*`), any other against the bare name
 * (the same rule as core/plan-scope.ts).
 */
function isNameInFilter(key: ResourceKey, filter: GlobFilter, emptyIncludeMatchesAll: boolean): boolean {
  const subject = (pattern: string) => (pattern.includes('@') ? keyId(key) : pattern.includes('/') ? `${key.kind}/${key.name}` : key.name);
  const matches = (pattern: string) => compileGlob(pattern).test(subject(pattern));
  const included = filter.include.length === 0 ? emptyIncludeMatchesAll : filter.include.some(matches);
  return included && !filter.exclude.some(matches);
}

function relativePath(file: string, baseDir: string | undefined): string {
  let path = file.replace(/\\/g, '/');
  const base = baseDir?.replace(/\\/g, '/').replace(/\/+$/, '');
  if (base && path.startsWith(`${base}/`)) path = path.slice(base.length + 1);
  return path.replace(/^(\.\/)+/, '');
}

function overrideMatches(override: EnvironmentOverride, key: ResourceKey): boolean {
  if (override.kind !== key.kind || override.name !== key.name) return false;
  return override.version === undefined || override.version === (key.version ?? 1);
}

function substituteInDefinition(
  resource: Resource,
  environment: Environment,
  options: ApplyEnvironmentOptions,
  diagnostics: Diagnostic[],
): JsonObject {
  const result = substituteVariables(resource.body, environment.variables);
  for (const missing of result.undefinedVariables) {
    diagnostics.push({
      severity: 'error',
      code: 'VAR_UNDEFINED',
      message: `variable "((${missing.name}))" is not defined in environment "${environment.name}" (${environment.file})`,
      ...definitionLocation(resource, missing.pointer, options),
    });
  }
  return result.value;
}

function substituteInOverride(override: EnvironmentOverride, environment: Environment, diagnostics: Diagnostic[]): JsonObject {
  const result = substituteVariables(override.patch, environment.variables);
  for (const missing of result.undefinedVariables) {
    const pointer = `${overridePointer(override)}${missing.pointer}`;
    const already = diagnostics.some((d) => d.code === 'VAR_UNDEFINED' && d.file === environment.file && d.pointer === pointer);
    if (already) continue;
    diagnostics.push({
      severity: 'error',
      code: 'VAR_UNDEFINED',
      message: `variable "((${missing.name}))" is not defined in environment "${environment.name}"`,
      ...envLocation(environment, pointer),
    });
  }
  return result.value;
}

function checkOverrideIdentity(override: EnvironmentOverride, environment: Environment): Diagnostic[] {
  return (['name', 'version'] as const)
    .filter((field) => field in override.patch)
    .map((field) => ({
      severity: 'error' as const,
      code: 'OVERRIDE_IDENTITY',
      message: `override "${override.target}" may not change "${field}": it is part of the definition's key`,
      ...envLocation(environment, `${overridePointer(override)}/${field}`),
    }));
}

function overridePointer(override: EnvironmentOverride): string {
  return `/overrides/${escapePointerSegment(override.target)}`;
}

/** File, pointer and line of a spot inside a definition (the pointer is relative to its body). */
function definitionLocation(resource: Resource, inner: string, options: Pick<ApplyEnvironmentOptions, 'locate'>): Pick<Diagnostic, 'file' | 'pointer' | 'line'> {
  const source = resource.source;
  const pointer = `${source?.pointer ?? ''}${inner}`;
  const line = (source && options.locate?.(source.file, pointer)) ?? source?.line;
  return { ...(source ? { file: source.file } : {}), pointer, ...(line === undefined ? {} : { line }) };
}

function envLocation(environment: Environment, pointer: string): Pick<Diagnostic, 'file' | 'pointer' | 'line'> {
  const line = lineOfPointer(environment.lines, pointer);
  return { file: environment.file, pointer, ...(line === undefined ? {} : { line }) };
}

/**
 * For runs without an environment: every `((name))` left in the definitions is reported
 * (VAR_NO_ENVIRONMENT, error), so an unsubstituted placeholder never reaches a server.
 */
export function checkNoVariables(resources: Iterable<Resource>, options: Pick<ApplyEnvironmentOptions, 'locate'> = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const resource of resources) {
    for (const missing of substituteVariables(resource.body, {}).undefinedVariables) {
      diagnostics.push({
        severity: 'error',
        code: 'VAR_NO_ENVIRONMENT',
        message: `"((${missing.name}))" needs an environment to supply it: select one with --profile <name>`,
        ...definitionLocation(resource, missing.pointer, options),
      });
    }
  }
  return diagnostics;
}
