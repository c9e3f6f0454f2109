/**
 * Matching resources against an environment's managed scope (globs or a predicate) and
 * against `--target` arguments.
 */
import type { ResourceKey, ResourceKind } from './model.js';
import { keyId } from './model.js';
import { checkGlob, compileGlob } from './environment-glob.js';
import type { ScopeFilter } from './plan-types.js';

/**
 * A predicate for a scope. Without one everything is in scope. Globs use the environment's
 * syntax (environment-glob.ts). A glob without `/` matches the name (`order_*`); with `/` it
 * matches `kind/name` (`taskDef/billing_*`); with `@` the whole key id
 * (`workflowDef/order_flow@3`). A list means "any of these"; `{ include, exclude }` is the
 * environment file's form (empty include = nothing). Malformed globs match nothing (so prune
 * deletes nothing by mistake) and are returned as problems.
 */
export function buildScopeMatcher(scope: ScopeFilter | undefined): { isInScope: (key: ResourceKey) => boolean; problems: string[] } {
  if (scope === undefined) return { isInScope: () => true, problems: [] };
  if (typeof scope === 'function') return { isInScope: scope, problems: [] };
  const problems: string[] = [];
  const compile = (patterns: readonly string[]) =>
    patterns.flatMap((pattern) => {
      const problem = checkGlob(pattern);
      if (problem) problems.push(`"${pattern}": ${problem}`);
      return problem ? [] : [{ pattern, glob: compileGlob(pattern) }];
    });
  const filter = isGlobList(scope) ? { include: scope, exclude: [] } : scope;
  const include = compile(filter.include);
  const exclude = compile(filter.exclude);
  const matches = (globs: typeof include, key: ResourceKey) => globs.some(({ pattern, glob }) => glob.test(scopeSubject(pattern, key)));
  return { isInScope: (key) => matches(include, key) && !matches(exclude, key), problems };
}

function isGlobList(scope: ScopeFilter): scope is readonly string[] {
  return Array.isArray(scope);
}

function scopeSubject(pattern: string, key: ResourceKey): string {
  if (pattern.includes('@')) return keyId(key);
  return pattern.includes('/') ? `${key.kind}/${key.name}` : key.name;
}

/** A parsed `--target`: `workflowDef/name`, `workflowDef/name@2` or `taskDef/name`. */
export interface Target {
  kind: ResourceKind;
  name: string;
  version?: number;
}

/** Parses a `--target` argument; undefined when it is not `kind/name[@version]`. */
export function parseTarget(text: string): Target | undefined {
  const match = /^(taskDef|workflowDef)\/([^@]+)(?:@(-?\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, kind, name, version] = match;
  if (kind === 'taskDef' && version !== undefined) return undefined;
  const target: Target = { kind: kind as ResourceKind, name: name! };
  if (version !== undefined) target.version = Number(version);
  return target;
}

export function matchesTarget(target: Target, key: ResourceKey): boolean {
  return (
    target.kind === key.kind &&
    target.name === key.name &&
    (target.version === undefined || target.version === key.version)
  );
}
