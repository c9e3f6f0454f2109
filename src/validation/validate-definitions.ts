/**
 * Entry point of the validation layer: schema and semantic checks over a set of parsed
 * definitions, returned as Diagnostics with file, JSON pointer and line:column. Pure: the
 * caller (app/validate.ts) reads files and, with --profile, what the server holds.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { JsonObject } from '../core/model.js';
import type { DefinitionIndex } from './check-dependencies.js';
import { checkTaskTimeouts } from './check-lints.js';
import { checkWorkflow } from './check-workflow.js';
import type { Finding } from './finding.js';
import { translateSchemaErrors } from './schema-errors.js';
import { runSchema } from './schema-validators.js';
import type { ServerKnowledge, ValidationTarget } from './types.js';

export interface ValidateDefinitionsOptions {
  /** What the target server holds; absent offline. */
  known?: ServerKnowledge;
  /** Other definitions of the repo: they count as existing but are not validated. */
  context?: readonly ValidationTarget[];
}

/**
 * Validates every target. Cross-definition checks (task defs, sub-workflows) look at all
 * targets together, so pass the whole repo at once.
 */
export function validateDefinitions(targets: readonly ValidationTarget[], options: ValidateDefinitionsOptions = {}): Diagnostic[] {
  const index = buildIndex([...(options.context ?? []), ...targets], options.known);
  const diagnostics: Diagnostic[] = [];
  for (const target of targets) {
    for (const finding of validateOne(target, index)) diagnostics.push(place(finding, target));
  }
  return diagnostics;
}

function validateOne(target: ValidationTarget, index: DefinitionIndex): Finding[] {
  const findings = translateSchemaErrors(runSchema(target.kind, target.body), target.body);
  if (target.kind === 'taskDef') return [...findings, ...checkTaskTimeouts(target.body, '', false)];
  return [...findings, ...checkWorkflow(target.body, '', index)];
}

function buildIndex(targets: readonly ValidationTarget[], known: ServerKnowledge | undefined): DefinitionIndex {
  const taskDefs = new Map<string, JsonObject>();
  const workflows = new Map<string, number[]>();
  for (const { kind, body } of targets) {
    const name = body['name'];
    if (typeof name !== 'string') continue;
    if (kind === 'taskDef') {
      taskDefs.set(name, body);
    } else {
      const version = typeof body['version'] === 'number' ? body['version'] : 1;
      workflows.set(name, [...(workflows.get(name) ?? []), version]);
    }
  }
  return known ? { taskDefs, workflows, known } : { taskDefs, workflows };
}

function place(finding: Finding, target: ValidationTarget): Diagnostic {
  const position = target.locate?.(finding.pointer);
  const diagnostic: Diagnostic = { ...finding, pointer: target.pointer + finding.pointer };
  if (target.file !== undefined) diagnostic.file = target.file;
  if (position) {
    diagnostic.line = position.line;
    diagnostic.column = position.column;
  }
  return diagnostic;
}
