/**
 * The ajv validators for schemas/workflow-def.schema.json and schemas/task-def.schema.json.
 * They are compiled at build time (scripts/build-validators.mjs, run by `npm run build`,
 * writes generated/validators.js): compiling took about half a second on every CLI start.
 * test/unit/validation/generated-validators.test.ts checks them against a fresh compile.
 */
import type { ErrorObject } from 'ajv';
import type { ResourceKind } from '../core/model.js';
import { taskDef, workflowDef } from './generated/validators.js';

export type SchemaError = ErrorObject;

/** Validates a definition body against its kind's schema; returns ajv's raw errors. */
export function runSchema(kind: ResourceKind, body: unknown): SchemaError[] {
  const validate = kind === 'taskDef' ? taskDef : workflowDef;
  return validate(body) ? [] : [...(validate.errors ?? [])];
}
