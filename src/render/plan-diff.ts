/**
 * The unified diff of a change for display: YAML of the display form (normalized, defaults
 * left out: core/normalize-compact.ts) of `before` and `after`, compared line by line (diff
 * package). Returned as typed lines so each view styles them its own way.
 */
import { structuredPatch } from 'diff';
import { compactDefinition } from '../core/normalize-compact.js';
import type { Change } from '../core/plan.js';
import { renderYaml } from './yaml-text.js';

export type DiffLineKind = 'hunk' | 'add' | 'remove' | 'context';

export interface DiffLine {
  kind: DiffLineKind;
  /** The line with its leading `+`, `-`, ` ` or the `@@ … @@` header. */
  text: string;
}

/** Diff lines of a change; empty for a no-op. An absent side is an empty document. */
export function buildChangeDiff(change: Change, context = 3): DiffLine[] {
  if (change.action === 'no-op') return [];
  const kind = change.key.kind;
  const after = change.action === 'delete' ? undefined : change.after;
  const beforeText = change.before ? renderYaml(compactDefinition(kind, change.before, after)) : '';
  const afterText = after ? renderYaml(compactDefinition(kind, after, change.before)) : '';
  // A create adds every line: one hunk, without running the diff (what structuredPatch gives).
  if (beforeText === '' && afterText.endsWith('\n')) return addedLines(afterText);
  const patch = structuredPatch('before', 'after', beforeText, afterText, '', '', { context });
  const lines: DiffLine[] = [];
  for (const hunk of patch.hunks) {
    // As `diff -u` and the diff package's formatPatch: an empty range starts one line earlier.
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    lines.push({ kind: 'hunk', text: `@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@` });
    for (const line of hunk.lines) {
      if (line.startsWith('\\')) continue; // "\ No newline at end of file": noise here
      lines.push({ kind: line.startsWith('+') ? 'add' : line.startsWith('-') ? 'remove' : 'context', text: line });
    }
  }
  return lines;
}

function addedLines(text: string): DiffLine[] {
  const lines = text.slice(0, -1).split('\n');
  return [{ kind: 'hunk', text: `@@ -0,0 +1,${lines.length} @@` }, ...lines.map((line): DiffLine => ({ kind: 'add', text: `+${line}` }))];
}
