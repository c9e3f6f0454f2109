/**
 * Finds definition files: the paths given on the command line, each a file or a directory
 * searched at any depth for .json, .yaml and .yml files. Hidden entries (`.git`, `.cache`)
 * are skipped. Problems (a missing path, a directory without definitions) are diagnostics.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic, WithDiagnostics } from '../core/diagnostics.js';
import { formatOf } from './parse-file.js';

export interface DefinitionFile {
  absolutePath: string;
  /** Path relative to cwd with forward slashes, as shown to users. */
  file: string;
}

/** Lists definition files under `paths` (files or directories), sorted and de-duplicated. */
export async function listDefinitionFiles(paths: readonly string[], cwd: string): Promise<WithDiagnostics<DefinitionFile[]>> {
  const found = new Map<string, DefinitionFile>();
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const shown = displayPath(cwd, absolute);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      diagnostics.push({ severity: 'error', code: 'PATH_NOT_FOUND', message: `${shown} does not exist`, file: shown });
      continue;
    }
    if (info.isFile()) {
      if (formatOf(absolute)) found.set(absolute, { absolutePath: absolute, file: shown });
      else diagnostics.push({ severity: 'error', code: 'DEF_FILE_TYPE', message: 'not a definition file: expected .json, .yaml or .yml', file: shown });
      continue;
    }
    const files = await walk(absolute);
    if (files.length === 0) {
      diagnostics.push({ severity: 'error', code: 'DEF_NONE_FOUND', message: `no definition files (.json, .yaml, .yml) in ${shown}`, file: shown });
    }
    // The walk joins names onto `absolute`, so a file's display path extends the directory's.
    const prefix = absolute + sep;
    const under = (file: string) => (shown !== '.' && !shown.startsWith('..') && file.startsWith(prefix) ? `${shown}/${toSlashes(file.slice(prefix.length))}` : displayPath(cwd, file));
    for (const file of files) found.set(file, { absolutePath: file, file: under(file) });
  }
  const files = [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { value: files, diagnostics };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile() && formatOf(entry.name)) out.push(path);
  }
  return out;
}

/** `definitions/tasks/a.yaml`: relative to cwd, forward slashes. */
export function displayPath(cwd: string, absolute: string): string {
  return toSlashes(relative(cwd, absolute) || '.');
}

function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
