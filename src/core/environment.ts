/**
 * The Environment model: one committed target, `environments/<name>.yaml` (docs/style.md
 * "Words we use"). Pure types and small helpers; reading and validating the file lives in
 * repo/environments.ts, applying it to definitions in core/environment-apply.ts.
 *
 * Credentials never appear here as values, only as names of environment variables; the
 * values are looked up by app/resolve-target.ts.
 */
import type { JsonObject, ResourceKind } from './model.js';

export type ServerType = 'OSS' | 'Enterprise';

/** How `apply` treats a changed workflow definition (the planner decides what each means). */
export type VersioningPolicy = 'bump' | 'in-place' | 'strict';

export const DEFAULT_PARALLELISM = 4;

/** Environment and profile names are file names: no path separators, no leading dot. */
export const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Include/exclude globs (core/environment-glob.ts). Empty include = everything. */
export interface GlobFilter {
  include: string[];
  exclude: string[];
}

/** Names of the environment variables that hold the credentials (never the values). */
export interface EnvironmentAuth {
  keyIdEnv?: string;
  keySecretEnv?: string;
  tokenEnv?: string;
}

export type VariableValue = string | number | boolean;

/** One per-definition override: an RFC 7386 JSON merge patch for the matching definitions. */
export interface EnvironmentOverride {
  /** The key as written: `taskDef/charge_card`, `workflowDef/order_flow` or `workflowDef/order_flow@2`. */
  target: string;
  kind: ResourceKind;
  name: string;
  /** Workflow defs only; absent = every version. */
  version?: number;
  patch: JsonObject;
}

export interface Environment {
  /** The file name without `.yaml`; what `--profile` selects. */
  name: string;
  /** Path of the environment file, relative to the repo root (`environments/staging.yaml`). */
  file: string;
  description?: string;
  server: { url: string; type: ServerType };
  auth: EnvironmentAuth;
  /** Which definitions belong to this environment: globs over file paths and over names. */
  definitions: { paths: GlobFilter; names: GlobFilter };
  variables: Record<string, VariableValue>;
  overrides: EnvironmentOverride[];
  versioning: VersioningPolicy;
  /** Which names `--prune` may delete on this server. Empty include = nothing. */
  prune: GlobFilter;
  /** Concurrent requests during apply. */
  parallelism: number;
  /** JSON pointer → 1-based line in `file`, for diagnostics about the environment itself. */
  lines: Readonly<Record<string, number>>;
}

/** The pointer's line, or the nearest enclosing pointer's line. */
export function lineOfPointer(lines: Readonly<Record<string, number>>, pointer: string): number | undefined {
  let current = pointer;
  for (;;) {
    const line = lines[current];
    if (line !== undefined) return line;
    if (current === '') return undefined;
    current = current.slice(0, Math.max(0, current.lastIndexOf('/')));
  }
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export const OVERRIDE_KEY_PATTERN = /^(taskDef|workflowDef)\/([^@/]+)(?:@([1-9][0-9]*))?$/;

/** Parses `taskDef/x`, `workflowDef/y`, `workflowDef/y@3`; undefined when malformed. */
export function parseOverrideKey(target: string): Omit<EnvironmentOverride, 'patch'> | undefined {
  const match = OVERRIDE_KEY_PATTERN.exec(target);
  if (!match) return undefined;
  const kind = match[1] as ResourceKind;
  if (kind === 'taskDef' && match[3] !== undefined) return undefined;
  const parsed: Omit<EnvironmentOverride, 'patch'> = { target, kind, name: match[2]! };
  if (match[3] !== undefined) parsed.version = Number(match[3]);
  return parsed;
}

/** The display and `--json` form of an environment's own settings (no line table). */
export interface EnvironmentView {
  name: string;
  file: string;
  description: string | null;
  auth: EnvironmentAuth;
  definitions: { paths: GlobFilter; names: GlobFilter };
  variables: Record<string, VariableValue>;
  overrides: Record<string, JsonObject>;
  versioning: VersioningPolicy;
  prune: GlobFilter;
  parallelism: number;
}

export function buildEnvironmentView(environment: Environment): EnvironmentView {
  return {
    name: environment.name,
    file: environment.file,
    description: environment.description ?? null,
    auth: environment.auth,
    definitions: environment.definitions,
    variables: environment.variables,
    overrides: Object.fromEntries(environment.overrides.map((o) => [o.target, o.patch])),
    versioning: environment.versioning,
    prune: environment.prune,
    parallelism: environment.parallelism,
  };
}
