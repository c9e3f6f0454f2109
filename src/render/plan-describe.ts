/**
 * The words shared by every plan view (text, Markdown): change headers, reasons, task-level
 * summary lines, impact lines and the summary line. One place, so the views cannot drift.
 */
import { keyId } from '../core/model.js';
import type { Action, Change, ExecutionCounts, Plan } from '../core/plan.js';
import type { TaskChange } from '../core/task-summary.js';

const FIELDS_LISTED = 6;

export function actionSymbol(action: Action): string {
  return action === 'create' ? '+' : action === 'update' ? '~' : action === 'delete' ? '-' : ' ';
}

/** `content changed, bumped from 1`. */
export function describeReason(change: Change): string {
  const from = change.comparedVersion;
  switch (change.reason) {
    case 'new':
      return 'new';
    case 'content-changed':
      return 'content changed';
    case 'content-changed-bumped':
      return `content changed, bumped from ${from}`;
    case 'version-raised':
      return `version raised from ${from}`;
    case 'drift':
      return change.action === 'create' && from !== undefined ? `drift: changed outside git, bumped from ${from}` : 'drift: changed outside git';
    case 'unchanged':
      return 'unchanged';
    case 'pruned':
      return 'removed from the repo';
  }
}

/** `+ create workflowDef/password_reset@2 (content changed, bumped from 1)`. */
export function describeHeader(change: Change): string {
  return `${actionSymbol(change.action)} ${change.action} ${keyId(change.key)} (${describeReason(change)})`;
}

/** `inserted `rate_limit_ref` after `token_ref``, `removed `legacy_ref``… */
export function describeTaskChange(change: TaskChange): string {
  const ref = code(change.ref);
  switch (change.kind) {
    case 'inserted':
      return `inserted ${ref} ${describePosition(change)}`;
    case 'moved':
      return `moved ${ref} ${describePosition(change)}`;
    case 'removed':
      return `removed ${ref}`;
    case 'changed':
      return `${ref}: ${listFields(change.fields ?? [])} changed`;
  }
}

function describePosition({ position = {} }: TaskChange): string {
  const where = position.parent !== undefined ? ` in ${code(position.parent)} ${position.branch ?? ''}`.trimEnd() : '';
  if (position.after !== undefined) return `after ${code(position.after)}${where}`;
  return position.parent !== undefined ? `first${where}` : 'at the start';
}

/** `timeoutSeconds, outputParameters.r` (at most a few, then "and N more"). */
export function listFields(fields: readonly string[]): string {
  const shown = fields.slice(0, FIELDS_LISTED).join(', ');
  return fields.length > FIELDS_LISTED ? `${shown} and ${fields.length - FIELDS_LISTED} more` : shown;
}

/** `timeoutSeconds, outputParameters.r changed` for a workflow's own fields, or undefined. */
export function describeFieldChanges(change: Change): string | undefined {
  const fields = change.taskSummary?.fields ?? [];
  return fields.length > 0 ? `${listFields(fields)} changed` : undefined;
}

/** One line per inserted, removed, changed or moved task of a workflow change. */
export function describeTaskSummary(change: Change): string[] {
  return change.taskSummary?.tasks.map(describeTaskChange) ?? [];
}

/** What else the change touches: executions of the version, workflows using a task def. */
export function describeImpact(change: Change): string[] {
  const lines: string[] = [];
  if (change.executions) {
    const version = change.comparedVersion ?? change.key.version ?? 1;
    const note =
      change.action === 'create' ? ` (they keep version ${version})` : change.action === 'update' ? ' (they keep the definition they started with)' : '';
    lines.push(`executions: ${describeCounts(change.executions)} on @${version}${note}`);
  }
  if (change.usedBy && change.usedBy.length > 0) {
    const uses = change.usedBy.map((use) => `${use.name}@${use.version}${use.executions ? ` (${describeCounts(use.executions)})` : ''}`);
    lines.push(`used by: ${uses.join(', ')}`);
  } else if (change.usedBy) {
    lines.push('used by: no workflow on the server');
  }
  return lines;
}

function describeCounts(counts: ExecutionCounts): string {
  return `${counts.RUNNING} running, ${counts.PAUSED} paused`;
}

/** `Plan: 2 to create, 1 to update, 0 to delete.` or `No changes. The server matches the repo.` */
export function describeSummary(plan: Plan): string {
  const { create, update, delete: deletes } = plan.summary;
  if (create + update + deletes === 0) return 'No changes. The server matches the repo.';
  return `Plan: ${create} to create, ${update} to update, ${deletes} to delete.`;
}

/** `Plan has 1 error; nothing can be applied until it is fixed.` or undefined. */
export function describeErrors(plan: Plan): string | undefined {
  const errors = plan.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return undefined;
  const codes = [...new Set(errors.map((d) => d.code))].join(', ');
  return `Plan has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'} (${codes}); nothing can be applied until ${errors.length === 1 ? 'it is' : 'they are'} fixed.`;
}

function code(text: string): string {
  return `\`${text}\``;
}
