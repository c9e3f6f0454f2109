/**
 * Checks a parsed environment document: literal secrets first (ENV_LITERAL_SECRET, so the
 * user learns *why* a key is wrong rather than "additional property"), then the JSON Schema
 * (ENV_SCHEMA, via ajv), then what the schema cannot say (ENV_OVERRIDE_KEY, ENV_GLOB).
 * Messages never quote values from the file: a value in the wrong place may be a secret.
 */
import { Ajv, type ErrorObject } from 'ajv';
import schema from '../../schemas/environment.schema.json' with { type: 'json' };
import type { Diagnostic } from '../core/diagnostics.js';
import { escapePointerSegment, lineOfPointer, parseOverrideKey } from '../core/environment.js';
import { checkGlob } from '../core/environment-glob.js';
import { isPlainObject as isObject } from '../core/normalize-json.js';
import { dedupeByPointerAndMessage } from './finding.js';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validateSchema = ajv.compile(schema);

const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const AUTH_FIELDS = new Set(['keyIdEnv', 'keySecretEnv', 'tokenEnv']);
/** Keys that hold a credential value in other tools (the official CLI's file, SDK configs). */
const SECRET_KEY = /^(auth[-_]?(key|secret|token)|cached[-_]?token|key[-_]?(id|secret)|token|secret|password|api[-_]?key)$/i;
/** Variable names that say "I am a credential". */
const SECRET_VARIABLE = /(secret|password|passwd|token|api[-_]?key|private[-_]?key)$/i;

type Doc = Record<string, unknown>;

/** All problems of an environment document; `lines` maps pointers to lines in `file`. */
export function checkEnvironmentDocument(doc: unknown, file: string, lines: Record<string, number>): Diagnostic[] {
  const at = (code: string, pointer: string, message: string, hint?: string): Diagnostic => {
    const line = lineOfPointer(lines, pointer);
    return {
      severity: 'error',
      code,
      message: hint ? `${message} (${hint})` : message,
      file,
      pointer,
      ...(line === undefined ? {} : { line }),
    };
  };
  if (!isObject(doc)) return [at('ENV_SCHEMA', '', 'an environment file must be a YAML mapping')];
  const secrets = findLiteralSecrets(doc, at);
  const flagged = new Set(secrets.map((d) => d.pointer));
  const schemaErrors = validateSchema(doc) ? [] : (validateSchema.errors ?? []);
  const schemaDiagnostics = schemaErrors
    .map((error) => ({ error, pointer: pointerOf(error) }))
    .filter(({ pointer }) => !flagged.has(pointer))
    .map(({ error, pointer }) => at('ENV_SCHEMA', pointer, messageOf(error, pointer)));
  return [...secrets, ...dedupeByPointerAndMessage(schemaDiagnostics), ...checkSemantics(doc, at)];
}

type At = (code: string, pointer: string, message: string, hint?: string) => Diagnostic;

function findLiteralSecrets(doc: Doc, at: At): Diagnostic[] {
  const found: Diagnostic[] = [];
  const hint = 'write the NAME of an environment variable under auth: keyIdEnv + keySecretEnv, or tokenEnv';
  for (const key of Object.keys(doc)) {
    if (SECRET_KEY.test(key)) found.push(at('ENV_LITERAL_SECRET', `/${escapePointerSegment(key)}`, `"${key}" looks like a literal credential; secrets may not be stored in environment files`, hint));
  }
  if (isObject(doc['auth'])) {
    for (const [key, value] of Object.entries(doc['auth'])) {
      const pointer = `/auth/${escapePointerSegment(key)}`;
      if (!AUTH_FIELDS.has(key)) {
        found.push(at('ENV_LITERAL_SECRET', pointer, `auth.${key} is not allowed: environment files hold only names of environment variables`, hint));
      } else if (typeof value === 'string' && !ENV_VAR_NAME.test(value)) {
        found.push(at('ENV_LITERAL_SECRET', pointer, `auth.${key} must be the name of an environment variable (letters, digits, _), not a secret value`));
      }
    }
  }
  const server = doc['server'];
  if (isObject(server) && typeof server['url'] === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^/@]*:[^/@]*@/i.test(server['url'])) {
    found.push(at('ENV_LITERAL_SECRET', '/server/url', 'server.url contains a password; put credentials in environment variables', hint));
  }
  if (isObject(doc['variables'])) {
    for (const [name, value] of Object.entries(doc['variables'])) {
      if (typeof value === 'string' && value !== '' && SECRET_VARIABLE.test(name)) {
        found.push(at('ENV_LITERAL_SECRET', `/variables/${escapePointerSegment(name)}`, `variable "${name}" looks like a secret; definitions are committed and sent to the server`, 'keep secrets in Conductor\'s secret store and reference them as ${workflow.secrets.NAME}'));
      }
    }
  }
  return found;
}

function checkSemantics(doc: Doc, at: At): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (isObject(doc['overrides'])) {
    for (const key of Object.keys(doc['overrides'])) {
      if (!parseOverrideKey(key)) {
        found.push(at('ENV_OVERRIDE_KEY', `/overrides/${escapePointerSegment(key)}`, `override key "${key}" must be taskDef/<name>, workflowDef/<name> or workflowDef/<name>@<version>`));
      }
    }
  }
  const filters: [string, unknown][] = [
    ['/definitions/paths', isObject(doc['definitions']) ? doc['definitions']['paths'] : undefined],
    ['/definitions/names', isObject(doc['definitions']) ? doc['definitions']['names'] : undefined],
    ['/prune', doc['prune']],
  ];
  for (const [base, filter] of filters) {
    if (!isObject(filter)) continue;
    for (const list of ['include', 'exclude']) {
      const patterns = filter[list];
      if (!Array.isArray(patterns)) continue;
      patterns.forEach((pattern, i) => {
        const problem = typeof pattern === 'string' && pattern !== '' ? checkGlob(pattern) : undefined;
        if (problem) found.push(at('ENV_GLOB', `${base}/${list}/${i}`, `invalid glob: ${problem}`));
      });
    }
  }
  return found;
}

function pointerOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties' && typeof params['additionalProperty'] === 'string') {
    return `${error.instancePath}/${escapePointerSegment(params['additionalProperty'])}`;
  }
  if (error.keyword === 'dependencies' && typeof params['property'] === 'string') {
    return `${error.instancePath}/${escapePointerSegment(params['property'])}`;
  }
  const propertyName = error.propertyName ?? params['propertyName'];
  if (typeof propertyName === 'string') return `${error.instancePath}/${escapePointerSegment(propertyName)}`;
  return error.instancePath;
}

function messageOf(error: ErrorObject, pointer: string): string {
  const params = error.params as Record<string, unknown>;
  const where =
    pointer === ''
      ? 'the file'
      : pointer
          .slice(1)
          .split('/')
          .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
          .join('.');
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown key "${String(params['additionalProperty'])}"`;
    case 'required':
      return `${where} is missing "${String(params['missingProperty'])}"`;
    case 'enum':
      return `${where} must be one of: ${(params['allowedValues'] as unknown[]).map(String).join(', ')}`;
    case 'propertyNames':
    case 'pattern':
      if (error.keyword === 'propertyNames' || error.propertyName !== undefined) {
        return `name "${error.propertyName ?? String(params['propertyName'])}" must be an identifier (letters, digits, _; not starting with a digit)`;
      }
      if (pointer === '/server/url') return 'server.url must be an http:// or https:// URL';
      return `${where} has an invalid format`;
    case 'dependencies':
      return `${where} needs ${String(params['missingProperty'])} as well`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}
