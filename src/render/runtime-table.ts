/**
 * A plain-text table that fits a terminal width: columns keep their natural width when
 * they fit; otherwise flexible columns shrink (widest first, never below `min`), then
 * optional columns are dropped from the right, then cells are cut with "…". Pure.
 */
import { createStyle, type Style } from './style.js';

export interface TableColumn {
  header: string;
  /** May be narrowed down to `min` (default 6) by truncating its cells. */
  flex?: boolean;
  min?: number;
  /** May be left out when the width is too small; higher `drop` goes first. */
  drop?: number;
  align?: 'left' | 'right';
  /** Colour for a cell, applied after padding. */
  paint?: (value: string, style: Style) => string;
}

export interface TableOptions {
  width: number;
  color: boolean;
}

const GAP = 2;

export function renderTable(columns: readonly TableColumn[], rows: readonly string[][], options: TableOptions): string {
  const style = createStyle(options.color);
  let visible = columns.map((_, i) => i);
  // Empty optional columns go first (before anything is cut), then flexible columns shrink to 60 % before any
  // optional column is dropped, and only then to their minimum.
  const isEmpty = (i: number) => rows.every((r) => (r[i] ?? '') === '');
  if (!fitWidths(columns, rows, visible, options.width, 1)) visible = visible.filter((i) => columns[i]!.drop === undefined || !isEmpty(i));
  let widths = fitWidths(columns, rows, visible, options.width, 0.6);
  while (widths === undefined) {
    const droppable = visible.filter((i) => columns[i]!.drop !== undefined).sort((a, b) => columns[b]!.drop! - columns[a]!.drop! || b - a);
    if (droppable.length === 0) break;
    visible = visible.filter((i) => i !== droppable[0]);
    widths = fitWidths(columns, rows, visible, options.width, 0.6);
  }
  widths ??= fitWidths(columns, rows, visible, options.width, 0);
  const final = widths ?? visible.map((i) => minWidth(columns[i]!, rows, i));
  const line = (cells: string[], header: boolean) =>
    visible
      .map((col, k) => {
        const column = columns[col]!;
        const width = final[k]!;
        const text = fitCell(cells[col] ?? '', width);
        const padded = column.align === 'right' ? text.padStart(width) : text.padEnd(width);
        if (header) return style.bold(padded);
        return column.paint ? column.paint(padded, style) : padded;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  return [line(columns.map((c) => c.header), true), ...rows.map((r) => line(r, false))].map((l) => `${l}\n`).join('');
}

/** Widths of the visible columns within `width`, or undefined when even minimums do not fit. */
function fitWidths(columns: readonly TableColumn[], rows: readonly string[][], visible: number[], width: number, keep: number): number[] | undefined {
  const widths = visible.map((i) => Math.max(columns[i]!.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const floor = visible.map((col, k) => Math.max(columns[col]!.min ?? 6, Math.ceil(widths[k]! * keep)));
  const budget = width - GAP * (visible.length - 1);
  let excess = widths.reduce((a, b) => a + b, 0) - budget;
  while (excess > 0) {
    let widest = -1;
    visible.forEach((col, k) => {
      const column = columns[col]!;
      if (column.flex && widths[k]! > floor[k]! && (widest < 0 || widths[k]! > widths[widest]!)) widest = k;
    });
    if (widest < 0) return undefined;
    widths[widest]!--;
    excess--;
  }
  return widths;
}

function minWidth(column: TableColumn, rows: readonly string[][], index: number): number {
  const natural = Math.max(column.header.length, ...rows.map((r) => (r[index] ?? '').length));
  return column.flex ? Math.min(natural, column.min ?? 6) : natural;
}

function fitCell(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** RFC 4180 CSV: fields with commas, quotes or newlines are quoted. */
export function renderCsv(header: readonly string[], rows: readonly string[][]): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return [header, ...rows].map((r) => `${r.map(field).join(',')}\n`).join('');
}
