/**
 * The versioned JSON form of a Plan, so `plan --out plan.json` then `apply plan.json` works
 * (docs/style.md "A plan is data"). `serializePlan` writes it; `parsePlanDocument` reads an
 * unknown value back into a Plan or throws PlanDocumentError with a stable code. The format
 * version is checked first: a newer tool's plan is refused, not half-read.
 */
import type { Diagnostic } from './diagnostics.js';
import type { PatchOperation } from './diff.js';
import type { ResourceKey, SourceLocation } from './model.js';
import {
  PlanDocumentError,
  assignDefined,
  invalid,
  readArray,
  readInteger,
  readObject,
  readOneOf,
  readOptional,
  readString,
  readStringArray,
} from './plan-document-checks.js';
import { summarizeChanges } from './plan.js';
import { ACTIONS, CHANGE_REASONS, VERSION_POLICIES, type Change, type ExecutionCounts, type Plan, type WorkflowUse } from './plan-types.js';
import type { TaskChange, WorkflowChangeSummary } from './task-summary.js';

export { PlanDocumentError, type PlanDocumentErrorCode } from './plan-document-checks.js';

export const PLAN_FORMAT_VERSION = 1;

/**
 * The plan as JSON text (two-space indent, trailing newline) with members in a fixed order,
 * so equal plans give equal text however they were built. Parsing it gives back an equal plan.
 */
export function serializePlan(plan: Plan): string {
  const document = {
    formatVersion: plan.formatVersion,
    environment: plan.environment,
    versionPolicy: plan.versionPolicy,
    summary: plan.summary,
    diagnostics: plan.diagnostics,
    actualFingerprint: plan.actualFingerprint,
    changes: plan.changes.map(orderChangeMembers),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Small members first, bodies last, so a reader sees what and why before the details. */
function orderChangeMembers(change: Change): Change {
  const { key, action, reason, source, comparedVersion, executions, usedBy, taskSummary, patch, before, after } = change;
  const head = { key: { ...key }, action, reason } as Change; // `patch` follows below, in order
  return assignDefined(head, { source, comparedVersion, executions, usedBy, taskSummary, patch, before, after });
}

/** JSON text → Plan. */
export function parsePlanText(text: string): Plan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PlanDocumentError('PLAN_DOCUMENT_INVALID', 'The plan file is not valid JSON.', '', { cause: error });
  }
  return parsePlanDocument(value);
}

/** An unknown value (parsed JSON) → Plan, or PlanDocumentError. */
export function parsePlanDocument(value: unknown): Plan {
  const document = readObject(value, '');
  if (document['formatVersion'] !== PLAN_FORMAT_VERSION) {
    throw new PlanDocumentError(
      'PLAN_FORMAT_UNSUPPORTED',
      `Unsupported plan format version ${JSON.stringify(document['formatVersion'])}; this conductor reads version ${PLAN_FORMAT_VERSION}. Plan again with this version.`,
      '/formatVersion',
    );
  }
  const changes = readArray(document['changes'], '/changes').map((item, i) => readChange(item, `/changes/${i}`));
  const summary = readObject(document['summary'], '/summary');
  const expected = summarizeChanges(changes);
  for (const field of ['create', 'update', 'delete', 'noop'] as const) {
    if (readInteger(summary[field], `/summary/${field}`) !== expected[field]) invalid(`/summary/${field}`, `${expected[field]} (the count of its changes)`);
  }
  const fingerprint = readObject(document['actualFingerprint'], '/actualFingerprint');
  const resources = readObject(fingerprint['resources'], '/actualFingerprint/resources');
  for (const [id, hash] of Object.entries(resources)) readString(hash, `/actualFingerprint/resources/${escapePointer(id)}`);
  return {
    formatVersion: 1,
    environment: readString(document['environment'], '/environment'),
    versionPolicy: readOneOf(document['versionPolicy'], VERSION_POLICIES, '/versionPolicy'),
    changes,
    summary: expected,
    actualFingerprint: { digest: readString(fingerprint['digest'], '/actualFingerprint/digest'), resources: resources as Record<string, string> },
    diagnostics: readArray(document['diagnostics'], '/diagnostics').map((item, i) => readDiagnostic(item, `/diagnostics/${i}`)),
  };
}

function readChange(value: unknown, pointer: string): Change {
  const object = readObject(value, pointer);
  const change: Change = {
    key: readKey(object['key'], `${pointer}/key`),
    action: readOneOf(object['action'], ACTIONS, `${pointer}/action`),
    reason: readOneOf(object['reason'], CHANGE_REASONS, `${pointer}/reason`),
    patch: readArray(object['patch'], `${pointer}/patch`).map((item, i) => readOperation(item, `${pointer}/patch/${i}`)),
  };
  return assignDefined(change, {
    before: readOptional(object, 'before', pointer, readObject),
    after: readOptional(object, 'after', pointer, readObject),
    source: readOptional(object, 'source', pointer, readSource),
    comparedVersion: readOptional(object, 'comparedVersion', pointer, readInteger),
    taskSummary: readOptional(object, 'taskSummary', pointer, readTaskSummary),
    usedBy: readOptional(object, 'usedBy', pointer, (v, p) => readArray(v, p).map((item, i) => readUse(item, `${p}/${i}`))),
    executions: readOptional(object, 'executions', pointer, readExecutions),
  });
}

function readKey(value: unknown, pointer: string): ResourceKey {
  const object = readObject(value, pointer);
  const key: ResourceKey = {
    kind: readOneOf(object['kind'], ['taskDef', 'workflowDef'] as const, `${pointer}/kind`),
    name: readString(object['name'], `${pointer}/name`),
  };
  return assignDefined(key, { version: readOptional(object, 'version', pointer, readInteger) });
}

const OPERATIONS = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;

function readOperation(value: unknown, pointer: string): PatchOperation {
  const object = readObject(value, pointer);
  const op = readOneOf(object['op'], OPERATIONS, `${pointer}/op`);
  const path = readString(object['path'], `${pointer}/path`);
  if (op === 'move' || op === 'copy') return { op, path, from: readString(object['from'], `${pointer}/from`) };
  if (op === 'remove') return { op, path };
  if (!('value' in object)) invalid(`${pointer}/value`, 'a value');
  return { op, path, value: object['value'] } as PatchOperation;
}

function readSource(value: unknown, pointer: string): SourceLocation {
  const object = readObject(value, pointer);
  return assignDefined<SourceLocation>(
    { file: readString(object['file'], `${pointer}/file`) },
    { line: readOptional(object, 'line', pointer, readInteger), pointer: readOptional(object, 'pointer', pointer, readString) },
  );
}

function readTaskSummary(value: unknown, pointer: string): WorkflowChangeSummary {
  const object = readObject(value, pointer);
  const tasks = readArray(object['tasks'], `${pointer}/tasks`).map((item, i): TaskChange => {
    const task = readObject(item, `${pointer}/tasks/${i}`);
    const at = `${pointer}/tasks/${i}`;
    return assignDefined<TaskChange>(
      { kind: readOneOf(task['kind'], ['inserted', 'removed', 'changed', 'moved'] as const, `${at}/kind`), ref: readString(task['ref'], `${at}/ref`) },
      { position: readOptional(task, 'position', at, readPosition), fields: readOptional(task, 'fields', at, readStringArray) },
    );
  });
  return { fields: readStringArray(object['fields'], `${pointer}/fields`), tasks };
}

function readPosition(value: unknown, pointer: string): NonNullable<TaskChange['position']> {
  const object = readObject(value, pointer);
  return assignDefined<NonNullable<TaskChange['position']>>(
    {},
    {
      parent: readOptional(object, 'parent', pointer, readString),
      branch: readOptional(object, 'branch', pointer, readString),
      after: readOptional(object, 'after', pointer, readString),
    },
  );
}

function readUse(value: unknown, pointer: string): WorkflowUse {
  const object = readObject(value, pointer);
  return assignDefined<WorkflowUse>(
    { name: readString(object['name'], `${pointer}/name`), version: readInteger(object['version'], `${pointer}/version`) },
    { executions: readOptional(object, 'executions', pointer, readExecutions) },
  );
}

function readExecutions(value: unknown, pointer: string): ExecutionCounts {
  const object = readObject(value, pointer);
  return { RUNNING: readInteger(object['RUNNING'], `${pointer}/RUNNING`), PAUSED: readInteger(object['PAUSED'], `${pointer}/PAUSED`) };
}

function readDiagnostic(value: unknown, pointer: string): Diagnostic {
  const object = readObject(value, pointer);
  return assignDefined<Diagnostic>(
    {
      severity: readOneOf(object['severity'], ['error', 'warning'] as const, `${pointer}/severity`),
      code: readString(object['code'], `${pointer}/code`),
      message: readString(object['message'], `${pointer}/message`),
    },
    {
      file: readOptional(object, 'file', pointer, readString),
      pointer: readOptional(object, 'pointer', pointer, readString),
      line: readOptional(object, 'line', pointer, readInteger),
      column: readOptional(object, 'column', pointer, readInteger),
    },
  );
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

