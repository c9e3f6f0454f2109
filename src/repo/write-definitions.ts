/**
 * Writes definitions into the repo layout for `conductor export`:
 *   <dir>/tasks/<name>.<ext>                  one task def per file
 *   <dir>/workflows/<name>.v<version>.<ext>   one workflow version per file
 * Names become file names with anything outside [A-Za-z0-9._-] replaced by `_`; two names
 * that would share a file get `-2`, `-3`… in sorted order, so the layout is deterministic.
 * Files are written only when their content changes.
 *
 * A definition the repo already holds is written back where it is, in that file's format, so
 * exporting into an existing repo never creates a duplicate (which would break `plan`). One
 * that shares its file with other definitions is not rewritten (`kept`): a whole-file write
 * would drop its neighbours. New files never take the path of an existing one.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { keyId, type JsonObject, type Resource } from '../core/model.js';
import { UsageError } from '../errors.js';

export type ExportFormat = 'yaml' | 'json';

export interface WriteDefinitionsOptions {
  cwd: string;
  /** Relative to cwd; default `definitions`. */
  dir: string;
  format: ExportFormat;
  /** Where the repo already holds definitions, by key id (see readExistingLocations). */
  existing?: ExistingLocations;
}

export interface ExistingLocations {
  /** Key id → the file that holds it (relative to cwd), and whether other definitions share it. */
  byKey: ReadonlyMap<string, { file: string; isShared: boolean }>;
  /** Every definition file of the repo, relative to cwd. */
  files: readonly string[];
}

export interface WrittenFile {
  /** Relative to cwd, forward slashes. */
  file: string;
  key: Resource['key'];
  /** `kept`: the definition shares its file with others and was not rewritten. */
  status: 'created' | 'updated' | 'unchanged' | 'kept';
}

/** Keys first in this order, then the server's order. */
const LEADING_KEYS = ['name', 'description', 'version'];

export async function writeDefinitions(resources: readonly Resource[], options: WriteDefinitionsOptions): Promise<WrittenFile[]> {
  const written: WrittenFile[] = [];
  for (const { resource, file, isShared } of assignFiles(resources, options)) {
    if (isShared) {
      written.push({ file, key: resource.key, status: 'kept' });
      continue;
    }
    const path = resolve(options.cwd, file);
    const content = serializeDefinition(resource.body, file.endsWith('.json') ? 'json' : 'yaml');
    const previous = await readFile(path, 'utf8').catch(() => undefined);
    if (previous !== content) await writeFileCreatingDirs(path, file, content);
    written.push({ file, key: resource.key, status: previous === undefined ? 'created' : previous === content ? 'unchanged' : 'updated' });
  }
  return written;
}

/** Refuses an export directory that exists but is not a directory (a file given by mistake). */
export async function assertExportDir(cwd: string, dir: string): Promise<void> {
  const info = await stat(resolve(cwd, dir)).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError(`--dir ${dir} is a file, not a directory`, { code: 'EXPORT_DIR_INVALID' });
}

async function writeFileCreatingDirs(path: string, shown: string, content: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`cannot write ${shown}: ${reason}`, { code: 'EXPORT_WRITE_FAILED', cause: error });
  }
}

/** The text of one definition file. */
export function serializeDefinition(body: JsonObject, format: ExportFormat): string {
  const ordered = orderKeys(body);
  // lineWidth 0: never fold long strings (scripts, expressions) across lines.
  return format === 'json' ? `${JSON.stringify(ordered, null, 2)}\n` : stringify(ordered, { lineWidth: 0 });
}

function assignFiles(resources: readonly Resource[], options: WriteDefinitionsOptions): { resource: Resource; file: string; isShared: boolean }[] {
  const sorted = [...resources].sort((a, b) => compare(fileStem(a), fileStem(b)) || compare(a.key.name, b.key.name));
  const used = new Set((options.existing?.files ?? []).map((file) => file.toLowerCase()));
  return sorted.map((resource) => {
    const found = options.existing?.byKey.get(keyId(resource.key));
    if (found) return { resource, file: found.file, isShared: found.isShared };
    const folder = resource.key.kind === 'taskDef' ? 'tasks' : 'workflows';
    const stem = fileStem(resource);
    let file = join(options.dir, folder, `${stem}.${options.format}`).split('\\').join('/');
    for (let n = 2; used.has(file.toLowerCase()); n++) {
      file = join(options.dir, folder, `${stem}-${n}.${options.format}`).split('\\').join('/');
    }
    used.add(file.toLowerCase()); // case-insensitive file systems
    return { resource, file, isShared: false };
  });
}

/** Where the repo's definitions are (for `existing`), from a read of the definitions dir. */
export function buildExistingLocations(files: readonly string[], located: readonly { key: Resource['key']; file: string }[]): ExistingLocations {
  const perFile = new Map<string, number>();
  for (const { file } of located) perFile.set(file, (perFile.get(file) ?? 0) + 1);
  const byKey = new Map<string, { file: string; isShared: boolean }>();
  for (const { key, file } of located) byKey.set(keyId(key), { file, isShared: (perFile.get(file) ?? 0) > 1 });
  return { byKey, files };
}

function fileStem(resource: Resource): string {
  const safe = resource.key.name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_';
  return resource.key.kind === 'workflowDef' ? `${safe}.v${resource.key.version ?? 1}` : safe;
}

function orderKeys(body: JsonObject): JsonObject {
  const ordered: JsonObject = {};
  for (const key of LEADING_KEYS) if (key in body) ordered[key] = body[key];
  for (const [key, value] of Object.entries(body)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
