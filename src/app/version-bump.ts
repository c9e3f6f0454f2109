/**
 * `conductor version bump`: raise the `version` of each workflow whose content changed, in its
 * file (formatting and comments kept, repo/version-bump.ts). For users of the `strict`
 * policy, where the repo's version numbers are the truth. Changed relative to:
 * - the server (`--profile`, or whatever target the flags select): the repo's newest version of
 *   a name, seen through the environment, against the server's latest version of that name;
 * - a git ref (`--since <ref>`): the same name in the same file at that ref, as written.
 * A workflow already above its reference version, or new, is left alone. Content equality is
 * core's (normalized, marker and version ignored).
 */
import { displayUrl } from '../conductor/url.js';
import { normalize } from '../core/normalize.js';
import { keyId, type JsonObject, type Resource } from '../core/model.js';
import { isSameContent } from '../core/plan-content.js';
import { versionOf } from '../core/plan-desired.js';
import type { DefinitionEntry } from '../repo/definitions.js';
import { readFileAtRef, verifyRef } from '../repo/git.js';
import { formatOf, parseDefinitionText } from '../repo/parse-file.js';
import { writeVersionEdits, type VersionEdit } from '../repo/version-bump.js';
import { connect, type PlanOptions } from './plan.js';
import { readActual } from './read-actual.js';
import { readDesired } from './read-desired.js';

export interface VersionBumpOptions extends Pick<PlanOptions, 'cwd' | 'env' | 'homeDir' | 'flags' | 'target' | 'events' | 'clientHooks' | 'paths'> {
  /** A git ref; without it the target server is the reference. */
  since?: string;
  /** Report without writing. */
  dryRun?: boolean;
}

export interface VersionBump {
  name: string;
  file: string;
  from: number;
  to: number;
  /** The version it was compared with (server latest, or the version at the ref). */
  comparedWith: number;
}

export interface VersionBumpResult {
  /** `server <url>` or `git <ref>`. */
  reference: string;
  bumps: VersionBump[];
  filesChanged: string[];
}

export async function bumpVersions(options: VersionBumpOptions): Promise<VersionBumpResult> {
  const found = options.since === undefined ? await findAgainstServer(options) : await findAgainstRef(options, options.since);
  const filesChanged = options.dryRun ? [] : await writeVersionEdits(found.edits, { cwd: options.cwd });
  return { reference: found.reference, bumps: found.bumps, filesChanged };
}

interface Found {
  reference: string;
  bumps: VersionBump[];
  edits: VersionEdit[];
}

async function findAgainstServer(options: VersionBumpOptions): Promise<Found> {
  const { target, http } = await connect(options);
  const [desired, actual] = await Promise.all([
    readDesired({ cwd: options.cwd, ...(target.environment ? { environment: target.environment } : {}), ...(options.paths ? { paths: options.paths } : {}) }),
    readActual(http),
  ]);
  const latest = latestByName([...actual.state.values()]);
  const found: Found = { reference: `server ${displayUrl(http.baseUrl)}`, bumps: [], edits: [] };
  for (const resource of newestByName([...desired.state.values()])) {
    const server = latest.get(resource.key.name);
    if (!server) continue;
    const entry = findEntry(desired.definitions.entries, resource);
    if (entry) addBumpIfChanged(found, entry, resource.body, server.body, versionOf(server.key));
  }
  return found;
}

async function findAgainstRef(options: VersionBumpOptions, ref: string): Promise<Found> {
  await verifyRef(ref, { cwd: options.cwd }); // a bad ref fails even when no workflow needs it
  const desired = await readDesired({ cwd: options.cwd, ...(options.paths ? { paths: options.paths } : {}) });
  const found: Found = { reference: `git ${ref}`, bumps: [], edits: [] };
  const newest = newestByName(desired.definitions.entries.map((entry) => entry.resource));
  for (const resource of newest) {
    const entry = findEntry(desired.definitions.entries, resource);
    if (!entry) continue;
    const before = await readDefinitionAtRef(ref, entry.resource.source.file, resource.key.name, options.cwd);
    if (before) addBumpIfChanged(found, entry, resource.body, before, numberOr1(before['version']));
  }
  return found;
}

function addBumpIfChanged(found: Found, entry: DefinitionEntry, desiredBody: JsonObject, referenceBody: JsonObject, referenceVersion: number): void {
  const current = entry.resource.key.version ?? 1;
  if (current > referenceVersion) return; // already raised
  if (isSameContent('workflowDef', normalize('workflowDef', desiredBody), normalize('workflowDef', referenceBody))) return;
  const to = referenceVersion + 1;
  const { file, pointer } = entry.resource.source;
  found.bumps.push({ name: entry.resource.key.name, file, from: current, to, comparedWith: referenceVersion });
  found.edits.push({ file, documentIndex: entry.document.index, pointer, version: to });
}

/** The newest version (highest number) of each named workflow at `path` in the ref. */
async function readDefinitionAtRef(ref: string, path: string, name: string, cwd: string): Promise<JsonObject | undefined> {
  const text = await readFileAtRef(ref, path, { cwd });
  if (text === undefined) return undefined;
  const parsed = parseDefinitionText(text, { file: path, format: formatOf(path) ?? 'yaml' });
  let newest: JsonObject | undefined;
  for (const doc of parsed.value) {
    for (const value of Array.isArray(doc.value) ? doc.value : [doc.value]) {
      if (!isWorkflowNamed(value, name)) continue;
      if (!newest || numberOr1(value['version']) > numberOr1(newest['version'])) newest = value;
    }
  }
  return newest;
}

function isWorkflowNamed(value: unknown, name: string): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'tasks' in value && (value as JsonObject)['name'] === name;
}

function newestByName(resources: Resource[]): Resource[] {
  return [...latestByName(resources).values()];
}

function latestByName(resources: Resource[]): Map<string, Resource> {
  const latest = new Map<string, Resource>();
  for (const resource of resources) {
    if (resource.key.kind !== 'workflowDef') continue;
    const seen = latest.get(resource.key.name);
    if (!seen || versionOf(resource.key) > versionOf(seen.key)) latest.set(resource.key.name, resource);
  }
  return latest;
}

function findEntry(entries: DefinitionEntry[], resource: Resource): DefinitionEntry | undefined {
  return entries.find(
    (entry) => keyId(entry.resource.key) === keyId(resource.key) && entry.resource.source.file === resource.source?.file && entry.resource.source.pointer === resource.source?.pointer,
  );
}

function numberOr1(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : 1;
}

