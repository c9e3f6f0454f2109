/**
 * The `export` use case: write the server's definitions into the repo layout, to adopt an
 * existing cluster. Definitions are minimized (export-minimize.ts) so the files read like
 * hand-written ones, and `plan` right after `export` shows no changes. With an environment,
 * only the definitions its name filters select are exported. Definitions the repo already
 * holds are rewritten in their own files (write-definitions.ts), never duplicated.
 */
import { displayUrl } from '../conductor/url.js';
import { isSelected } from '../core/environment-apply.js';
import type { Resource } from '../core/model.js';
import { readDefinitions } from '../repo/definitions.js';
import { assertExportDir, buildExistingLocations, writeDefinitions, type ExistingLocations, type ExportFormat, type WrittenFile } from '../repo/write-definitions.js';
import { minimizeDefinition } from './export-minimize.js';
import { connect, type PlanOptions } from './plan.js';
import { readActual } from './read-actual.js';
import { DEFAULT_DEFINITIONS_DIR } from './read-desired.js';
import { ignoreEvents } from './reconcile-events.js';

export interface ExportOptions extends Pick<PlanOptions, 'cwd' | 'env' | 'homeDir' | 'flags' | 'target' | 'events' | 'clientHooks'> {
  /** Relative to cwd; default `definitions`. */
  dir?: string;
  format?: ExportFormat;
  /** Only the newest version of each workflow. */
  latestOnly?: boolean;
}

export interface ExportResult {
  serverUrl: string;
  dir: string;
  files: WrittenFile[];
}

export async function exportDefinitions(options: ExportOptions): Promise<ExportResult> {
  const events = options.events ?? ignoreEvents;
  const dir = options.dir ?? DEFAULT_DEFINITIONS_DIR;
  await assertExportDir(options.cwd, dir);
  const { target, http } = await connect(options);
  events({ type: 'step', message: `reading definitions from ${displayUrl(http.baseUrl)}` });
  const actual = await readActual(http);
  let resources: Resource[] = [...actual.state.values()].map((resource) => ({
    key: resource.key,
    body: minimizeDefinition(resource.key.kind, resource.body),
  }));
  if (options.latestOnly) resources = keepLatestVersions(resources);
  const environment = target.environment;
  if (environment) {
    // Name filters only: path filters describe the repo's layout, which export is creating.
    const byName = { ...environment.definitions, paths: { include: [], exclude: [] } };
    resources = resources.filter((resource) => isSelected(resource, byName));
  }
  const existing = await readExistingLocations(options.cwd, dir);
  const files = await writeDefinitions(resources, { cwd: options.cwd, dir, format: options.format ?? 'yaml', existing });
  return { serverUrl: displayUrl(http.baseUrl), dir, files };
}

/** The repo's definitions under `dir` and their files; unreadable files only reserve their path. */
async function readExistingLocations(cwd: string, dir: string): Promise<ExistingLocations> {
  const { value } = await readDefinitions([dir], { cwd }); // a missing dir is only a diagnostic
  return buildExistingLocations(value.files, value.entries.map((entry) => ({ key: entry.resource.key, file: entry.resource.source.file })));
}

function keepLatestVersions(resources: Resource[]): Resource[] {
  const latest = new Map<string, number>();
  for (const { key } of resources) {
    if (key.kind === 'workflowDef') latest.set(key.name, Math.max(latest.get(key.name) ?? 0, key.version ?? 1));
  }
  return resources.filter(({ key }) => key.kind === 'taskDef' || latest.get(key.name) === (key.version ?? 1));
}
