/**
 * Turns ajv's raw errors into Diagnostics a person can act on: one message per problem,
 * worded with the property name and the task type, at the right pointer. Branch noise is
 * removed (`if` wrappers, the failed branches of an anyOf that carries an `x-message`).
 */
import { dedupeByPointerAndMessage, type Finding } from './finding.js';
import type { SchemaError } from './schema-validators.js';

type SchemaFinding = Finding;

/** Translates ajv errors for one definition (`body` is what was validated, for wording). */
export function translateSchemaErrors(errors: readonly SchemaError[], body: unknown): SchemaFinding[] {
  const consumed = new Set<SchemaError>();
  const findings: SchemaFinding[] = [];
  for (const error of errors) {
    if (error.keyword !== 'anyOf') continue;
    const custom = customMessage(error);
    if (custom === undefined) continue;
    for (const other of errors) if (other.schemaPath.startsWith(`${error.schemaPath}/`)) consumed.add(other);
  }
  for (const error of errors) {
    if (consumed.has(error) || error.keyword === 'if') continue;
    findings.push(translateOne(error, body));
  }
  return dedupeByPointerAndMessage(findings);
}

function translateOne(error: SchemaError, body: unknown): SchemaFinding {
  const pointer = error.instancePath;
  const custom = error.keyword === 'anyOf' ? customMessage(error) : undefined;
  const subject = custom === undefined ? typePrefix(error.schemaPath) || inputOwnerPrefix(pointer, body) : '';
  const label = labelOf(pointer);
  const finding = (message: string): SchemaFinding => ({ severity: 'error', code: 'DEF_SCHEMA', message: subject + message, pointer });
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return finding(`missing required property '${String(params['missingProperty'])}'`);
    case 'type':
      return translateType(error, label, subject);
    case 'enum':
      return finding(`${label} must be one of ${listOf(params['allowedValues'])}; found ${show(error.data)}`);
    case 'const':
      return finding(`${label} must be ${show(params['allowedValue'])}; found ${show(error.data)}`);
    case 'minLength':
      return finding(`${label} must not be empty`);
    case 'minItems':
      return finding(Number(params['limit']) === 1 ? `${label} must not be empty` : `${label} must have at least ${String(params['limit'])} items`);
    case 'minProperties':
      return finding(`${label} must have at least ${String(params['limit'])} ${Number(params['limit']) === 1 ? 'entry' : 'entries'}`);
    case 'minimum':
      return finding(`${label} must be >= ${String(params['limit'])}; found ${show(error.data)}`);
    case 'pattern':
      return finding(`${label} must be an object or a \${...} expression; found ${show(error.data)}`);
    case 'anyOf':
      return finding(custom ?? `${label} does not match any allowed form`);
    default:
      return finding(`${label} ${error.message ?? 'is invalid'}`);
  }
}

/**
 * A number or boolean written as a string ("3", "true") is accepted by the server (Jackson
 * coerces scalars) but stored as a number, so every later plan would show a change: warn.
 */
function translateType(error: SchemaError, label: string, subject: string): SchemaFinding {
  const expected = ([] as unknown[]).concat((error.params as { type?: unknown }).type ?? []).map(String);
  const data: unknown = error.data;
  const coercible =
    typeof data === 'string' &&
    ((expected.includes('integer') && /^-?\d+$/.test(data)) || (expected.includes('boolean') && /^(true|false)$/.test(data)));
  if (coercible) {
    return {
      severity: 'warning',
      code: 'DEF_SCALAR_AS_STRING',
      message: `${subject}${label} is the string ${show(data)}: the server converts it, but write ${data} without quotes so plans compare equal`,
      pointer: error.instancePath,
    };
  }
  const wanted = expected.filter((t) => t !== 'null').map(article).join(' or ');
  return { severity: 'error', code: 'DEF_SCHEMA', message: `${subject}${label} must be ${wanted}; found ${describe(data)}`, pointer: error.instancePath };
}

function customMessage(error: SchemaError): string | undefined {
  const parent = error.parentSchema as Record<string, unknown> | undefined;
  const message = parent?.['x-message'];
  return typeof message === 'string' ? message : undefined;
}

/** `#/$defs/typeSwitch/...` → "SWITCH task: ". */
function typePrefix(schemaPath: string): string {
  const match = /\/\$defs\/type([A-Za-z]+)\//.exec(schemaPath);
  if (!match?.[1]) return '';
  return `${match[1].replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()} task: `;
}

/** An error inside a task's inputParameters names the task type: "HTTP task: ". */
function inputOwnerPrefix(pointer: string, body: unknown): string {
  const at = pointer.lastIndexOf('/inputParameters/');
  if (at === -1) return '';
  const owner = valueAt(body, pointer.slice(0, at));
  const type = typeof owner === 'object' && owner !== null ? (owner as Record<string, unknown>)['type'] : undefined;
  return typeof type === 'string' ? `${type} task: ` : '';
}

function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const token of pointer.split('/').slice(1)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

/** "/tasks/2/retryCount" → "'retryCount'"; "/tasks/2" → "item 2 of 'tasks'"; "" → "the definition". */
function labelOf(pointer: string): string {
  if (pointer === '') return 'the definition';
  const tokens = pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = tokens[tokens.length - 1] ?? '';
  if (/^\d+$/.test(last)) return `item ${last} of '${tokens[tokens.length - 2] ?? ''}'`;
  return `'${last}'`;
}

function article(type: string): string {
  if (type === 'integer') return 'an integer';
  if (type === 'object' || type === 'array') return `an ${type}`;
  return `a ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isInteger(value)) return `the number ${value}`;
  return `${article(typeof value)} (${show(value)})`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function listOf(values: unknown): string {
  return ([] as unknown[])
    .concat(values ?? [])
    .filter((v) => v !== null)
    .map((v) => String(v))
    .join(', ');
}
