/**
 * The ajv validators for schemas/workflow-def.schema.json and schemas/task-def.schema.json,
 * compiled once on first use and shared (compiling is the slow part: docs/style.md asks
 * for the whole corpus to validate in well under a few seconds).
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import taskDefSchema from '../../schemas/task-def.schema.json' with { type: 'json' };
import workflowDefSchema from '../../schemas/workflow-def.schema.json' with { type: 'json' };
import type { ResourceKind } from '../core/model.js';

export type SchemaError = ErrorObject;

interface Validators {
  taskDef: ValidateFunction;
  workflowDef: ValidateFunction;
}

let compiled: Validators | undefined;

function compile(): Validators {
  // verbose: errors carry parentSchema and data, used to word messages (schema-errors.ts).
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true });
  // Annotation: the message to show when an anyOf fails, instead of one error per branch.
  ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });
  ajv.addSchema(taskDefSchema);
  return { taskDef: ajv.compile(taskDefSchema), workflowDef: ajv.compile(workflowDefSchema) };
}

/** Validates a definition body against its kind's schema; returns ajv's raw errors. */
export function runSchema(kind: ResourceKind, body: unknown): SchemaError[] {
  compiled ??= compile();
  const validate = kind === 'taskDef' ? compiled.taskDef : compiled.workflowDef;
  return validate(body) ? [] : [...(validate.errors ?? [])];
}
