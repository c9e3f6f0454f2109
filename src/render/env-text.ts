/**
 * Text views for `env list` and `env show`. Pure: returns strings. Environment files hold no
 * secrets (only variable names), so nothing here needs masking.
 */
import type { EnvironmentView, GlobFilter } from '../core/environment.js';
import type { TargetView } from '../core/environment-target.js';
import { renderColumns, renderTargetText, type RenderOptions } from './config-text.js';
import { createStyle } from './style.js';

/** One row of `env list`. */
export interface EnvironmentRow {
  name: string;
  file: string;
  serverUrl?: string;
  serverType?: string;
  description?: string;
  isValid: boolean;
}

export function renderEnvironmentList(environments: readonly EnvironmentRow[], options: RenderOptions): string {
  const style = createStyle(options.color);
  if (environments.length === 0) return 'no environments (add environments/<name>.yaml)\n';
  const rows = [['NAME', 'SERVER', 'TYPE', 'DESCRIPTION']];
  for (const env of environments) {
    rows.push(env.isValid ? [env.name, env.serverUrl ?? '', env.serverType ?? '', env.description ?? ''] : [env.name, '(invalid: see errors)', '', '']);
  }
  return `${renderColumns(rows, (line, i) => (i === 0 ? style.dim(line) : line)).join('\n')}\n`;
}

/** `env show`: the resolved connection settings, then the environment's own settings if any. */
export function renderEnvironmentShow(target: TargetView, environment: EnvironmentView | undefined, options: RenderOptions): string {
  const style = createStyle(options.color);
  const targetText = renderTargetText(target, options);
  if (!environment) return targetText;
  const rows: string[][] = [];
  if (environment.description) rows.push(['description', environment.description]);
  rows.push(['definitions', `paths ${describeFilter(environment.definitions.paths, 'all')}; names ${describeFilter(environment.definitions.names, 'all')}`]);
  rows.push(['versioning', environment.versioning]);
  rows.push(['prune scope', describeFilter(environment.prune, 'nothing')]);
  rows.push(['parallelism', String(environment.parallelism)]);
  const variables = Object.entries(environment.variables);
  rows.push(['variables', variables.length === 0 ? '-' : variables.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ')]);
  const overrides = Object.keys(environment.overrides);
  rows.push(['overrides', overrides.length === 0 ? '-' : overrides.join(', ')]);
  const header = `${style.bold('environment')}: ${environment.name}  ${style.dim(environment.file)}`;
  const body = renderColumns(rows.map(([k, v]) => [`  ${k}`, v ?? ''])).join('\n');
  return `${targetText}\n${header}\n${body}\n`;
}

function describeFilter(filter: GlobFilter, whenEmpty: string): string {
  const include = filter.include.length === 0 ? whenEmpty : filter.include.join(' ');
  return filter.exclude.length === 0 ? include : `${include} except ${filter.exclude.join(' ')}`;
}
