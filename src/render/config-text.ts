/**
 * Text views of connection settings (`config show`, `env show`) and of the official CLI's
 * profiles (`config list`). Pure: takes views whose secrets are already masked by
 * core/environment-target.ts#buildTargetView, returns strings.
 */
import type { TargetView } from '../core/environment-target.js';
import { createStyle } from './style.js';

export interface RenderOptions {
  color: boolean;
}

const SOURCE_LABEL: Record<TargetView['source'], string> = {
  environment: 'environment file',
  'profile-file': 'profile file',
  env: 'CONDUCTOR_* environment variables',
  'default-file': 'default config file',
  default: 'built-in defaults',
};

/** The resolved settings, one per row, each with its source; then any problems. */
export function renderTargetText(view: TargetView, options: RenderOptions): string {
  const style = createStyle(options.color);
  const origin = view.file ? `${SOURCE_LABEL[view.source]} ${view.file}` : SOURCE_LABEL[view.source];
  const lines = [`${style.bold('profile')}: ${view.profile ?? '(none)'}  ${style.dim(`from ${origin}`)}`, ''];
  const rows: string[][] = [['SETTING', 'VALUE', 'SOURCE']];
  for (const setting of view.settings) {
    if (setting.value === undefined && setting.source === undefined) continue;
    const value = setting.value ?? (setting.missingVariable ? `(not set: $${setting.missingVariable})` : '(unused: credentials incomplete)');
    rows.push([setting.name, value, setting.source ?? '']);
  }
  if (view.auth === 'none' && rows.length === 3) rows.push(['auth', 'none', '']);
  lines.push(...renderColumns(rows, (row, i) => (i === 0 ? style.dim(row) : row)));
  if (view.problems.length > 0) {
    lines.push('', style.bold('problems') + ':');
    for (const problem of view.problems) {
      lines.push(`  ${style.red(problem.code)} ${problem.message}`);
      if (problem.hint) lines.push(`  ${style.dim(`hint: ${problem.hint}`)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One row of `config list`. */
export interface ProfileRow {
  profile: string;
  file: string;
  server?: string;
  serverType?: string;
  auth: string;
}

export function renderProfileList(profiles: readonly ProfileRow[], options: RenderOptions & { dir: string }): string {
  const style = createStyle(options.color);
  if (profiles.length === 0) return `no profiles in ${options.dir} (create one with: conductor config save)\n`;
  const rows = [['PROFILE', 'SERVER', 'TYPE', 'AUTH', 'FILE']];
  for (const p of profiles) rows.push([p.profile, p.server ?? '-', p.serverType ?? '-', p.auth, p.file]);
  return `${renderColumns(rows, (row, i) => (i === 0 ? style.dim(row) : row)).join('\n')}\n`;
}

/** Left-aligned columns separated by two spaces; trailing spaces trimmed. */
export function renderColumns(rows: readonly (readonly string[])[], decorate: (line: string, index: number) => string = (l) => l): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row, index) =>
    decorate(
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
      index,
    ),
  );
}
