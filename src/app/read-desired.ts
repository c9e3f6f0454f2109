/**
 * Reads the desired State: the definitions in the repo, seen through the environment
 * (its selection, variables and overrides) when there is one, and checked by the validation
 * layer as apply would send them. Unreadable files, environment problems and validation
 * errors are collected and thrown once as a ValidationError (exit 3). Validation warnings
 * (lints such as a task def missing from the repo) are left to `conductor validate`; reading
 * warnings are returned.
 */
import { hasErrors, sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import type { Environment } from '../core/environment.js';
import { applyEnvironment } from '../core/environment-apply.js';
import { buildState, type Resource, type State } from '../core/model.js';
import { locatorFor, readDefinitions, type DefinitionEntry, type DefinitionSet } from '../repo/definitions.js';
import { validateDefinitions, type ValidationTarget } from '../validation/index.js';
import { ValidationError } from '../errors.js';

export const DEFAULT_DEFINITIONS_DIR = 'definitions';

export interface ReadDesiredOptions {
  cwd: string;
  environment?: Environment;
  /** Files or directories relative to cwd; default `definitions`. */
  paths?: readonly string[];
}

export interface DesiredState {
  state: State;
  /** The definitions as read, before the environment was applied (version bump edits files). */
  definitions: DefinitionSet;
  /** Warnings met on the way (errors are thrown). */
  warnings: Diagnostic[];
}

export async function readDesired(options: ReadDesiredOptions): Promise<DesiredState> {
  const read = await readDefinitions(options.paths ?? [DEFAULT_DEFINITIONS_DIR], { cwd: options.cwd });
  const diagnostics = [...read.diagnostics];
  let resources: Resource[] = read.value.resources;
  if (options.environment) {
    const applied = applyEnvironment(resources, options.environment, { locate: buildLocator(read.value) });
    diagnostics.push(...applied.diagnostics);
    resources = applied.value;
  }
  if (!hasErrors(diagnostics)) {
    const findings = validateDefinitions(toValidationTargets(resources, read.value.entries));
    diagnostics.push(...findings.filter((d) => d.severity === 'error'));
  }
  if (hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    throw new ValidationError(`${errors} problem${errors === 1 ? '' : 's'} in the definitions`, sortDiagnostics(diagnostics), {
      code: 'DEF_INVALID',
    });
  }
  return { state: buildState(resources), definitions: read.value, warnings: sortDiagnostics(diagnostics) };
}

/** The resources as the validator sees them: bodies after the environment, positions from their files. */
function toValidationTargets(resources: readonly Resource[], entries: readonly DefinitionEntry[]): ValidationTarget[] {
  const bySource = new Map(entries.map((entry) => [entry.resource.source, entry]));
  return resources.map((resource) => {
    const entry = resource.source ? bySource.get(resource.source as DefinitionEntry['resource']['source']) : undefined;
    const target: ValidationTarget = { kind: resource.key.kind, body: resource.body, pointer: resource.source?.pointer ?? '' };
    if (resource.source) target.file = resource.source.file;
    if (entry) target.locate = locatorFor(entry);
    return target;
  });
}

/** Line of a pointer inside a file (the first document of the file that has it). */
function buildLocator(set: DefinitionSet): (file: string, pointer: string) => number | undefined {
  return (file, pointer) => {
    for (const document of set.documents) {
      if (document.file !== file) continue;
      const line = document.lookup.locate(pointer)?.line;
      if (line !== undefined) return line;
    }
    return undefined;
  };
}
