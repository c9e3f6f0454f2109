/**
 * Reads the file of `task create|update` and `workflow create|update`: JSON or YAML (by
 * extension; content sniffing otherwise), one object, an array of objects, or a YAML
 * stream of them. Syntax errors are diagnostics with file and line (ValidationError).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { JsonObject } from '../../core/model.js';
import { UsageError, ValidationError } from '../../errors.js';
import { formatOf, parseDefinitionText } from '../../repo/parse-file.js';

export async function readDefinitionObjects(file: string, cwd: string, what: string): Promise<JsonObject[]> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { code: 'FILE_UNREADABLE' });
  }
  const format = formatOf(file) ?? (/^\s*[[{]/.test(text) ? 'json' : 'yaml');
  const parsed = parseDefinitionText(text, { file, format });
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new ValidationError(`${file} cannot be read`, errors, { code: 'DEF_SYNTAX' });
  const objects = parsed.value.flatMap((doc) => (Array.isArray(doc.value) ? doc.value : [doc.value]));
  if (objects.length === 0) throw new UsageError(`${file} holds no ${what}`, { code: 'DEF_EMPTY_FILE' });
  objects.forEach((value, index) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as JsonObject)['name'] !== 'string') {
      throw new UsageError(`${file}: item ${index + 1} is not a ${what} (an object with a "name")`, { code: 'DEF_NOT_OBJECT' });
    }
  });
  return objects as JsonObject[];
}
