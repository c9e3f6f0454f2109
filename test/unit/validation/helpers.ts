/** Runs the validation layer over builder-made resources (no files, no positions). */
import type { Diagnostic } from '../../../src/core/diagnostics.js';
import type { Resource } from '../../../src/core/model.js';
import { validateDefinitions, type ServerKnowledge } from '../../../src/validation/index.js';

export function check(resources: Resource[], known?: ServerKnowledge): Diagnostic[] {
  const targets = resources.map((r) => ({ kind: r.key.kind, body: r.body, file: `${r.key.name}.yaml`, pointer: '' }));
  return validateDefinitions(targets, known ? { known } : {});
}

/** `code@pointer` of every diagnostic with the given severity. */
export function findings(diagnostics: Diagnostic[], severity: 'error' | 'warning'): string[] {
  return diagnostics.filter((d) => d.severity === severity).map((d) => `${d.code}@${d.pointer ?? ''}`);
}

export function errors(diagnostics: Diagnostic[]): string[] {
  return findings(diagnostics, 'error');
}

export function warnings(diagnostics: Diagnostic[]): string[] {
  return findings(diagnostics, 'warning');
}
