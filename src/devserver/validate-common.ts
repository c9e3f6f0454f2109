/**
 * Shared pieces of the server-side bean validation (the real server runs Hibernate
 * Validator on its model classes; see validate-task-def.ts and validate-workflow-def.ts).
 * A constraint validator that throws in the real server (a NullPointerException on a null
 * list, say) turns the whole request into a 500 "HV000028" (ValidationExceptionMapper maps a
 * non-ConstraintViolation ValidationException to 500); `validatorCrash` reproduces that.
 */
import { ApiError } from './http/api-error.js';
import type { ValidationErrorItem } from './http/api-error.js';
import type { Bean } from './model/java-types.js';

export type Violation = ValidationErrorItem;

export function validatorCrash(): ApiError {
  return new ApiError(500, 'HV000028: Unexpected exception during isValid call.');
}

/** @NotEmpty on a String: null or "" (a blank "  " passes). */
export function isEmptyString(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** A violation with ValidationExceptionMapper's invalidValue rule: only for primitives and strings. */
export function violation(path: string, message: string, invalidValue?: unknown): Violation {
  const item: Violation = { path, message };
  if (typeof invalidValue === 'string' || typeof invalidValue === 'number' || typeof invalidValue === 'boolean') {
    item.invalidValue = String(invalidValue);
  }
  return item;
}

/** Java's `Object.toString()` for a JSON value, as far as emptiness and parsing care. */
export function javaToString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${javaToString(v)}`).join(', ')}}`;
  }
  return String(value);
}

export function asBean(value: unknown): Bean | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Bean) : undefined;
}
