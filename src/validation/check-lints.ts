/**
 * Lints: the server's schemaVersion and task-timeout rules, and habits that hurt in
 * production (HTTP tasks relying on default timeouts, credentials written into headers).
 * Pure.
 */
import type { JsonObject } from '../core/model.js';
import { extractExpressions } from './expressions.js';
import { errorAt, warningAt, type Finding } from './finding.js';
import { joinPointer } from './pointer.js';
import { isObject, type TaskNode, type TaskTree } from './task-tree.js';

/** Headers whose value is a credential. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|x-authorization|cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|private-token|x-amz-security-token)$/i;

/** WorkflowDef.schemaVersion is @Min(2) @Max(2): any other value gives 400. */
export function checkSchemaVersion(workflow: JsonObject, base: string): Finding[] {
  const version = workflow['schemaVersion'];
  if (version === undefined || version === null || version === 2) return [];
  return [errorAt(joinPointer(base, 'schemaVersion'), 'SCHEMA_VERSION', `schemaVersion ${JSON.stringify(version)} is not supported: the server accepts only 2`)];
}

/**
 * TaskTimeoutConstraint: with timeoutSeconds > 0, responseTimeoutSeconds (default 3600) must
 * not exceed it, and timeoutSeconds must not exceed a positive totalTimeoutSeconds. Inline
 * task definitions are not validated by the server, so there it is a warning.
 */
export function checkTaskTimeouts(taskDef: JsonObject, base: string, isInline: boolean): Finding[] {
  const timeout = numberOr(taskDef['timeoutSeconds'], 0);
  if (timeout <= 0) return [];
  const make = isInline ? warningAt : errorAt;
  const findings: Finding[] = [];
  const response = numberOr(taskDef['responseTimeoutSeconds'], 3600);
  if (response > timeout) {
    const shown = taskDef['responseTimeoutSeconds'] === undefined ? '3600 (the default)' : String(response);
    const at = joinPointer(base, taskDef['responseTimeoutSeconds'] === undefined ? 'timeoutSeconds' : 'responseTimeoutSeconds');
    findings.push(make(at, 'TASK_TIMEOUTS', `responseTimeoutSeconds ${shown} must not exceed timeoutSeconds ${timeout}`));
  }
  const total = numberOr(taskDef['totalTimeoutSeconds'], 0);
  if (total > 0 && timeout > total) {
    findings.push(make(joinPointer(base, 'timeoutSeconds'), 'TASK_TIMEOUTS', `timeoutSeconds ${timeout} must not exceed totalTimeoutSeconds ${total}`));
  }
  return findings;
}

/** HTTP tasks: explicit timeouts, no literal credentials. Inline task defs get the timeout rule. */
export function checkTaskLints(tree: TaskTree): Finding[] {
  const findings: Finding[] = [];
  for (const node of tree.nodes) {
    const inline = node.task['taskDefinition'];
    if (isObject(inline)) findings.push(...checkTaskTimeouts(inline, joinPointer(node.pointer, 'taskDefinition'), true));
    if (node.type === 'HTTP') findings.push(...checkHttp(node));
  }
  return findings;
}

function checkHttp(node: TaskNode): Finding[] {
  const input = node.task['inputParameters'];
  if (!isObject(input)) return [];
  const request = input['http_request'];
  const [fields, at] = isObject(request)
    ? [request, joinPointer(node.pointer, 'inputParameters', 'http_request')]
    : [input, joinPointer(node.pointer, 'inputParameters')];
  if (!isObject(request) && !('uri' in input)) return [];
  const findings: Finding[] = [];
  if (fields['connectionTimeOut'] === undefined && fields['readTimeOut'] === undefined) {
    findings.push(warningAt(at, 'HTTP_NO_TIMEOUT', `HTTP task '${node.ref ?? '?'}' sets neither connectionTimeOut nor readTimeOut: it relies on the server's defaults (3000 ms); set them explicitly`));
  }
  findings.push(...checkCredentials(fields, at));
  return findings;
}

function checkCredentials(fields: JsonObject, at: string): Finding[] {
  const findings: Finding[] = [];
  const headers = fields['headers'];
  if (isObject(headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (CREDENTIAL_HEADER.test(name) && isLiteralSecret(value)) {
        findings.push(warningAt(joinPointer(at, 'headers', name), 'HTTP_LITERAL_CREDENTIAL', `header '${name}' holds a literal credential: use \${workflow.secrets.NAME} (Orkes) or \${workflow.input.…} instead of committing it`));
      }
    }
  }
  const uri = fields['uri'];
  if (typeof uri === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^/@\s$]+:[^/@\s$]+@/i.test(uri)) {
    findings.push(warningAt(joinPointer(at, 'uri'), 'HTTP_LITERAL_CREDENTIAL', 'the URI embeds a user name and password: pass them through an expression instead'));
  }
  return findings;
}

/** A non-empty string whose credential part is not an expression ("Bearer ${…}" is fine). */
function isLiteralSecret(value: unknown): boolean {
  if (typeof value !== 'string' || value.trim() === '') return false;
  if (extractExpressions(value).length > 0) return false;
  const secretPart = value.replace(/^(bearer|basic|token|apikey)\s+/i, '').trim();
  return secretPart.length > 0;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
