/**
 * The pull-request comment view of a Plan: the summary line, a table of changes, the
 * diagnostics (a PR has no stderr), then one collapsible section per change with its task
 * summary, impact, a Mermaid flowchart for changed workflows and the diff. GitHub refuses
 * comments over 65,536 characters, so the output is kept under `maxLength` (60,000): diffs
 * are dropped first, then whole sections, each with a notice saying so.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { keyId } from '../core/model.js';
import type { Change, Plan } from '../core/plan.js';
import { buildChangeDiff } from './plan-diff.js';
import { describeErrors, describeFieldChanges, describeHeader, describeImpact, describeReason, describeSummary, describeTaskSummary } from './plan-describe.js';
import { renderWorkflowFlowchart } from './plan-mermaid.js';

export interface RenderPlanMarkdownOptions {
  /** Upper bound on the result's length in characters. Default 60,000. */
  maxLength?: number;
}

export const MARKDOWN_MAX_LENGTH = 60_000;

const CUT_DIFF = '_Diff left out to keep this comment under the size limit; run `conductor plan` to see it._';

export function renderPlanMarkdown(plan: Plan, options: RenderPlanMarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? MARKDOWN_MAX_LENGTH;
  const changes = plan.changes.filter((change) => change.action !== 'no-op');
  // The table takes at most half and the diagnostics a quarter, so some sections always fit.
  const head = [renderHead(plan, changes, maxLength / 2), ...renderDiagnostics(plan.diagnostics, maxLength / 4)].join('\n\n');
  const parts = [head];
  let length = head.length;
  for (const [i, change] of changes.entries()) {
    const left = changes.length - i;
    const reserve = cutNotice(left, maxLength).length + 2;
    const full = renderSection(change, true);
    const section = length + full.length + 2 + reserve <= maxLength ? full : renderSection(change, false);
    if (length + section.length + 2 + reserve > maxLength) {
      parts.push(cutNotice(left, maxLength));
      break;
    }
    parts.push(section);
    length += section.length + 2;
  }
  return `${parts.join('\n\n')}\n`;
}

function renderHead(plan: Plan, changes: Change[], budget: number): string {
  const lines = [`### Conductor plan for \`${plan.environment}\``, '', `**${describeSummary(plan)}** Version policy: \`${plan.versionPolicy}\`.`];
  const errors = describeErrors(plan);
  if (errors) lines.push('', `> [!CAUTION]\n> ${errors}`);
  if (changes.length === 0) return lines.join('\n');
  lines.push('', '| Definition | Action | Reason |', '| --- | --- | --- |');
  let length = lines.join('\n').length;
  for (const [i, change] of changes.entries()) {
    const row = `| \`${cell(keyId(change.key))}\` | ${change.action} | ${cell(describeReason(change))} |`;
    if (length + row.length + 80 > budget) {
      lines.push(`| _and ${changes.length - i} more_ | | |`);
      break;
    }
    lines.push(row);
    length += row.length + 1;
  }
  return lines.join('\n');
}

function renderDiagnostics(diagnostics: readonly Diagnostic[], budget: number): string[] {
  if (diagnostics.length === 0) return [];
  const lines: string[] = [];
  let length = 0;
  for (const [i, d] of diagnostics.entries()) {
    const where = d.file ? ` (${d.file}${d.line !== undefined ? `:${d.line}` : ''})` : '';
    const line = `- **${d.severity}** \`${d.code}\`: ${d.message}${where}`;
    if (length + line.length + 80 > budget) {
      lines.push(`- _and ${diagnostics.length - i} more; run \`conductor plan\` to see all of them_`);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return [lines.join('\n')];
}

/** One collapsible section; without the diff (and flowchart) when `isFull` is false. */
function renderSection(change: Change, isFull: boolean): string {
  const lines = ['<details>', `<summary><code>${escapeHtml(describeHeader(change))}</code></summary>`, ''];
  const fields = describeFieldChanges(change);
  const notes = [...(fields ? [`fields: ${fields}`] : []), ...describeTaskSummary(change), ...describeImpact(change)];
  if (notes.length > 0) lines.push(...notes.map((note) => `- ${note}`), '');
  if (isFull) {
    const chart = renderWorkflowFlowchart(change);
    if (chart) lines.push(fence('mermaid', chart), '');
    const diff = buildChangeDiff(change).map((line) => line.text).join('\n');
    if (diff !== '') lines.push(fence('diff', diff), '');
  } else {
    lines.push(CUT_DIFF, '');
  }
  lines.push('</details>');
  return lines.join('\n');
}

function cutNotice(left: number, maxLength: number): string {
  const what = left === 1 ? '1 more change is' : `${left} more changes are`;
  return `_${what} not shown: this comment is kept under ${formatThousands(maxLength)} characters. Run \`conductor plan\` for the full plan._`;
}

/** A code fence longer than any backtick run inside the content. */
function fence(language: string, content: string): string {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${content}\n${ticks}`;
}

function formatThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
