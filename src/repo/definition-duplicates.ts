/**
 * The same task def name, or the same workflow name + version, defined twice in the repo is
 * an error: which copy would be applied is undefined. Pure.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { keyId, type Resource } from '../core/model.js';

/** A definition and the column where it starts (for the diagnostic). */
export interface PlacedResource {
  resource: Resource;
  column?: number;
}

/** One error per extra copy, at the copy, naming the first one's file and line. */
export function findDuplicateDefinitions(placed: readonly PlacedResource[]): Diagnostic[] {
  const first = new Map<string, Resource>();
  const diagnostics: Diagnostic[] = [];
  for (const { resource, column } of placed) {
    const id = keyId(resource.key);
    const original = first.get(id);
    if (!original) {
      first.set(id, resource);
      continue;
    }
    const what =
      resource.key.kind === 'taskDef'
        ? `task def '${resource.key.name}'`
        : `workflow '${resource.key.name}' version ${resource.key.version ?? 1}`;
    diagnostics.push({
      severity: 'error',
      code: 'DEF_DUPLICATE',
      message: `${what} is defined twice: here and at ${where(original)}`,
      file: resource.source?.file,
      pointer: resource.source?.pointer,
      line: resource.source?.line,
      column,
    });
  }
  return diagnostics;
}

function where(resource: Resource): string {
  const source = resource.source;
  if (!source) return 'an unknown place';
  return source.line === undefined ? source.file : `${source.file}:${source.line}`;
}
