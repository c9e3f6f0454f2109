/**
 * Query and path parameter conversion with Spring's semantics: a value that does not
 * convert is a MethodArgumentTypeMismatchException, which ApplicationExceptionMapper does
 * not list, so it answers 500. An empty value of an optional Integer means "absent".
 */
import { serverError } from './api-error.js';

function mismatch(name: string, javaType: string, raw: string): Error {
  return serverError(
    `Method parameter '${name}': Failed to convert value of type 'java.lang.String' to required type '${javaType}'; For input string: "${raw}"`,
  );
}

/** An optional `Integer` parameter: undefined when absent or empty. */
export function parseOptionalInteger(name: string, raw: string | null | undefined): number | undefined {
  if (raw === null || raw === undefined || raw.trim() === '') return undefined;
  return parseInteger(name, raw);
}

/** A required int/Integer (path variables). */
export function parseInteger(name: string, raw: string): number {
  const trimmed = raw.trim();
  if (!/^[-+]?\d+$/.test(trimmed)) throw mismatch(name, 'java.lang.Integer', raw);
  const n = Number.parseInt(trimmed, 10);
  if (n < -2147483648 || n > 2147483647) throw mismatch(name, 'java.lang.Integer', raw);
  return n;
}

/** A `boolean` with a default: Spring's StringToBooleanConverter (true/on/yes/1, false/off/no/0). */
export function parseBoolean(name: string, raw: string | null | undefined, fallback: boolean): boolean {
  if (raw === null || raw === undefined) return fallback;
  const value = raw.trim().toLowerCase();
  if (value === '') return fallback;
  if (['true', 'on', 'yes', '1'].includes(value)) return true;
  if (['false', 'off', 'no', '0'].includes(value)) return false;
  throw serverError(`Method parameter '${name}': Failed to convert value of type 'java.lang.String' to required type 'boolean'; Invalid boolean value [${raw}]`);
}
