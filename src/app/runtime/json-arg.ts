/** JSON given on the command line (`--input`, `--output`, `--task-input`…): must be an object. */
import type { JsonObject } from '../../core/model.js';
import { UsageError } from '../../errors.js';

export function parseJsonObjectArgument(text: string, flag: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${flag} is not valid JSON: ${(error as Error).message}`, { code: 'JSON_INVALID' });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${flag} must be a JSON object ({...})`, { code: 'JSON_INVALID' });
  }
  return value as JsonObject;
}

/** The optional variant: undefined stays undefined. */
export function parseOptionalJsonObject(text: string | undefined, flag: string): JsonObject | undefined {
  return text === undefined ? undefined : parseJsonObjectArgument(text, flag);
}
