/**
 * The real server's bean validation of a TaskDef: the field constraints of
 * common/.../metadata/tasks/TaskDef.java (@NotEmpty name, @Min on retryCount,
 * responseTimeoutSeconds, pollTimeoutSeconds, backoffScaleFactor, maxRetryDelaySeconds,
 * backoffJitterMs, totalTimeoutSeconds) and the class rule
 * common/.../constraints/TaskTimeoutConstraint.java. Messages are Hibernate's interpolation
 * of the annotations: `{value}` is the annotation's bound, `${validatedValue}` the value.
 * ownerEmail is not required: the shipped config sets conductor.app.ownerEmailMandatory=false.
 */
import type { Bean } from './model/java-types.js';
import { isEmptyString, violation, type Violation } from './validate-common.js';

interface MinRule {
  field: string;
  min: number;
  message: (value: number) => string;
}

const MIN_RULES: MinRule[] = [
  { field: 'retryCount', min: 0, message: () => 'TaskDef retryCount: 0 must be >= 0' },
  { field: 'responseTimeoutSeconds', min: 1, message: (v) => `TaskDef responseTimeoutSeconds: ${v} should be minimum 1 second` },
  { field: 'pollTimeoutSeconds', min: 0, message: () => 'TaskDef pollTimeoutSeconds: 0 must be >= 0' },
  { field: 'backoffScaleFactor', min: 1, message: () => 'Backoff scale factor. Applicable for LINEAR_BACKOFF' },
  { field: 'maxRetryDelaySeconds', min: 0, message: () => 'TaskDef maxRetryDelaySeconds: 0 must be >= 0' },
  { field: 'backoffJitterMs', min: 0, message: () => 'TaskDef backoffJitterMs: 0 must be >= 0' },
  { field: 'totalTimeoutSeconds', min: 0, message: () => 'TaskDef totalTimeoutSeconds: 0 must be >= 0' },
];

/** Violations of one TaskDef; `path` is where it sits, e.g. `registerTaskDef.arg0[0]`. */
export function validateTaskDef(def: Bean, path: string): Violation[] {
  const out: Violation[] = [];
  if (isEmptyString(def['name'])) out.push(violation(`${path}.name`, 'TaskDef name cannot be null or empty', def['name']));
  for (let i = 0; i < MIN_RULES.length; i++) {
    const rule = MIN_RULES[i]!;
    const value = def[rule.field];
    // @Min ignores null (boxed Integer fields).
    if (typeof value === 'number' && value < rule.min) out.push(violation(`${path}.${rule.field}`, rule.message(value), value));
  }
  const name = String(def['name'] ?? 'null');
  const timeout = def['timeoutSeconds'] as number;
  const responseTimeout = def['responseTimeoutSeconds'] as number;
  const totalTimeout = def['totalTimeoutSeconds'] as number;
  if (timeout > 0 && responseTimeout > timeout) {
    out.push(violation(path, `TaskDef: ${name} responseTimeoutSeconds: ${responseTimeout} must be less than timeoutSeconds: ${timeout}`));
  }
  if (timeout > 0 && totalTimeout > 0 && timeout > totalTimeout) {
    out.push(violation(path, `TaskDef: ${name} timeoutSeconds: ${timeout} must be less than or equal to totalTimeoutSeconds: ${totalTimeout}`));
  }
  return out;
}
