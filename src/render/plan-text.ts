/**
 * The human view of a Plan (stdout of `conductor plan`): per change a header, the task-level
 * summary, impact lines and a unified diff of the normalized YAML, then the summary line.
 * Pure: returns a string. Diagnostics are not repeated here; the CLI prints them to stderr.
 */
import type { Change, Plan } from '../core/plan.js';
import { buildChangeDiff, type DiffLine } from './plan-diff.js';
import { describeErrors, describeFieldChanges, describeHeader, describeImpact, describeSummary, describeTaskSummary } from './plan-describe.js';
import { createStyle, type Style } from './style.js';

export interface RenderPlanTextOptions {
  color: boolean;
  /** Terminal width; rules between changes are drawn this long (at most 100). */
  width: number;
  /**
   * More creates than this: each create is its header line only, without its definition (a
   * long unattended apply log; `conductor plan` still shows them whole). Default: no limit.
   */
  compactCreatesOver?: number;
}

const INDENT = '    ';

export function renderPlanText(plan: Plan, options: RenderPlanTextOptions): string {
  const style = createStyle(options.color);
  const rule = style.dim('─'.repeat(Math.max(20, Math.min(options.width, 100))));
  const changes = plan.changes.filter((change) => change.action !== 'no-op');
  const creates = changes.filter((change) => change.action === 'create').length;
  const isCompact = creates > (options.compactCreatesOver ?? Infinity);
  const sections = changes.map((change) => (isCompact && change.action === 'create' ? undefined : renderChange(change, style)));
  const lines: string[] = [];
  let listed = 0;
  for (const [index, section] of sections.entries()) {
    if (section) lines.push(...section, rule);
    else {
      lines.push(style.green(style.bold(describeHeader(changes[index]!))));
      if (sections[index + 1] !== undefined) lines.push(rule);
      listed++;
    }
  }
  if (listed > 0) {
    if (sections.at(-1) === undefined) lines.push(rule);
    lines.push(style.dim(`(${listed} creates listed without their definitions; \`conductor plan\` shows them in full)`));
  }
  const errors = describeErrors(plan);
  if (!errors || sections.length > 0) lines.push(style.bold(describeSummary(plan)));
  if (errors) lines.push(style.red(errors));
  return `${lines.join('\n')}\n`;
}

function renderChange(change: Change, style: Style): string[] {
  const colour = change.action === 'create' ? style.green : change.action === 'delete' ? style.red : style.yellow;
  const lines = [colour(style.bold(describeHeader(change)))];
  const fields = describeFieldChanges(change);
  if (fields) lines.push(`${INDENT}fields: ${fields}`);
  const summary = describeTaskSummary(change);
  if (summary.length > 0) lines.push(`${INDENT}tasks:`, ...summary.map((line) => `${INDENT}  ${line}`));
  lines.push(...describeImpact(change).map((line) => `${INDENT}${line}`));
  lines.push(...buildChangeDiff(change).map((line) => `${INDENT}${styleDiffLine(line, style)}`));
  return lines;
}

function styleDiffLine(line: DiffLine, style: Style): string {
  if (line.kind === 'add') return style.green(line.text);
  if (line.kind === 'remove') return style.red(line.text);
  if (line.kind === 'hunk') return style.cyan(line.text);
  return line.text;
}
