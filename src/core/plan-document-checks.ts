/**
 * Small checkers for reading a plan document: each returns the typed value or throws a
 * PlanDocumentError naming the JSON pointer of the offending member.
 */
import type { JsonObject } from './model.js';
import { isPlainObject } from './normalize-json.js';

export type PlanDocumentErrorCode = 'PLAN_DOCUMENT_INVALID' | 'PLAN_FORMAT_UNSUPPORTED';

/** A plan file that cannot be used: not JSON, wrong shape, or a format version we do not read. */
export class PlanDocumentError extends Error {
  readonly code: PlanDocumentErrorCode;
  /** JSON pointer of the offending member ('' = the whole document). */
  readonly pointer: string;
  constructor(code: PlanDocumentErrorCode, message: string, pointer = '', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PlanDocumentError';
    this.code = code;
    this.pointer = pointer;
  }
}

export function invalid(pointer: string, expected: string): never {
  throw new PlanDocumentError('PLAN_DOCUMENT_INVALID', `Invalid plan document at ${pointer || '/'}: expected ${expected}.`, pointer);
}

export function readObject(value: unknown, pointer: string): JsonObject {
  return isPlainObject(value) ? value : invalid(pointer, 'an object');
}

export function readArray(value: unknown, pointer: string): unknown[] {
  return Array.isArray(value) ? value : invalid(pointer, 'an array');
}

export function readString(value: unknown, pointer: string): string {
  return typeof value === 'string' ? value : invalid(pointer, 'a string');
}

export function readInteger(value: unknown, pointer: string): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : invalid(pointer, 'an integer');
}

export function readOneOf<T extends string>(value: unknown, allowed: readonly T[], pointer: string): T {
  return allowed.includes(value as T) ? (value as T) : invalid(pointer, `one of ${allowed.join(', ')}`);
}

/** Reads `object[field]` with `read` when present; undefined when absent. */
export function readOptional<T>(
  object: JsonObject,
  field: string,
  pointer: string,
  read: (value: unknown, pointer: string) => T,
): T | undefined {
  return object[field] === undefined ? undefined : read(object[field], `${pointer}/${field}`);
}

export function readStringArray(value: unknown, pointer: string): string[] {
  return readArray(value, pointer).map((item, i) => readString(item, `${pointer}/${i}`));
}

/** Copies the defined entries of `fields` onto `target` (so absent optionals stay absent). */
export function assignDefined<T extends object>(target: T, fields: Partial<T>): T {
  for (const [field, value] of Object.entries(fields)) if (value !== undefined) (target as JsonObject)[field] = value;
  return target;
}
