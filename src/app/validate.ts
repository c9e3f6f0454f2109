/**
 * The `validate` use case: read the definitions, check them (schemas + semantic checks) and
 * return every finding. Findings are the result, not an exception: the caller decides the
 * exit code. With a target (`--profile`), its environment selects and rewrites the
 * definitions as apply would, and its server says which task defs and workflows already
 * exist, so missing ones become errors instead of warnings.
 */
import { fetchTaskDefs, fetchWorkflowDefs } from '../conductor/metadata-api.js';
import { sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { applyEnvironment, checkNoVariables } from '../core/environment-apply.js';
import type { Environment } from '../core/environment.js';
import type { Target } from '../core/environment-target.js';
import type { JsonObject, Resource, SourceLocation } from '../core/model.js';
import { locatorFor, readDefinitions, type DefinitionEntry, type DefinitionSet } from '../repo/definitions.js';
import { validateDefinitions, type ServerKnowledge, type ValidationTarget } from '../validation/index.js';
import { createClientForTarget, type ClientHooks, type Env } from './conductor-client.js';
import { DEFAULT_DEFINITIONS_DIR } from './read-desired.js';
import { ignoreEvents, type EventSink } from './reconcile-events.js';

export const VALIDATE_FORMAT_VERSION = 1;

export interface ValidateOptions {
  /** The repo root; paths are relative to it. */
  cwd: string;
  /** Files or directories; default `definitions`. */
  paths?: readonly string[];
  /** The resolved `--profile` target; absent = offline checks only. */
  target?: Target;
  /** The process environment (for the HTTP client's timeout). */
  env?: Env;
  /**
   * More of the repo, read only to know which task defs and workflows exist (validating one
   * file of a repo should not report the task defs in its other files as missing). Problems
   * in these files are not reported.
   */
  contextPaths?: readonly string[];
  /** With a target: apply its environment but do not ask its server what exists. */
  offline?: boolean;
  /** What the server holds; default: fetched from `target` with the Conductor client. */
  fetchKnowledge?: (target: Target) => Promise<ServerKnowledge>;
  clientHooks?: ClientHooks;
  events?: EventSink;
}

export interface ValidateResult {
  formatVersion: typeof VALIDATE_FORMAT_VERSION;
  /** Number of definition files read. */
  files: number;
  /** Number of definitions validated (after the environment's selection). */
  definitions: number;
  /** Sorted by file, line, column, code. */
  diagnostics: Diagnostic[];
  summary: { errors: number; warnings: number };
}

export async function validate(options: ValidateOptions): Promise<ValidateResult> {
  const events = options.events ?? ignoreEvents;
  const read = await readDefinitions(options.paths ?? [DEFAULT_DEFINITIONS_DIR], { cwd: options.cwd });
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  const environment = options.target?.environment;
  const selected = environment ? selectForEnvironment(read.value, environment, diagnostics) : read.value.entries;
  let known: ServerKnowledge | undefined;
  if (options.target && !options.offline) {
    events({ type: 'step', message: `reading task and workflow definitions from ${options.target.serverUrl}` });
    known = await (options.fetchKnowledge ?? defaultFetcher(options, events))(options.target);
  }
  const context = await readContext(options, environment);
  const findings = validateDefinitions(selected.map(toTarget), { ...(known ? { known } : {}), context });
  if (environment) diagnostics.push(...findings);
  else diagnostics.push(...withPlaceholders(read.value, findings));
  const sorted = sortDiagnostics(diagnostics).map(canonical);
  const errors = sorted.filter((d) => d.severity === 'error').length;
  return {
    formatVersion: VALIDATE_FORMAT_VERSION,
    files: read.value.files.length,
    definitions: selected.length,
    diagnostics: sorted,
    summary: { errors, warnings: sorted.length - errors },
  };
}

async function readContext(options: ValidateOptions, environment: Environment | undefined): Promise<ValidationTarget[]> {
  if (!options.contextPaths?.length) return [];
  const read = await readDefinitions(options.contextPaths, { cwd: options.cwd });
  const entries = environment ? selectForEnvironment(read.value, environment, []) : read.value.entries;
  return entries.map(toTarget);
}

/** The entries the environment selects, with its variables and overrides applied. */
function selectForEnvironment(set: DefinitionSet, environment: Environment, diagnostics: Diagnostic[]): DefinitionEntry[] {
  const bySource = new Map<SourceLocation | undefined, DefinitionEntry>(set.entries.map((e) => [e.resource.source, e]));
  const applied = applyEnvironment(set.resources, environment, { locate: lineLocator(set) });
  diagnostics.push(...applied.diagnostics);
  return applied.value.flatMap((resource: Resource) => {
    const entry = bySource.get(resource.source);
    return entry ? [{ ...entry, resource: { ...entry.resource, body: resource.body } }] : [];
  });
}

/**
 * Without an environment, `((name))` placeholders stay in the definitions. validate reports
 * each as a warning (plan and apply refuse them) and drops the schema findings about the
 * placeholder's own value: `retryCount: ((retries))` is not "a string instead of a number".
 */
function withPlaceholders(set: DefinitionSet, findings: Diagnostic[]): Diagnostic[] {
  const placeholders = checkNoVariables(set.resources, { locate: lineLocator(set) }).map((d): Diagnostic => ({ ...d, severity: 'warning' }));
  const at = new Set(placeholders.map((d) => `${d.file ?? ''}#${d.pointer ?? ''}`));
  const kept = findings.filter((d) => !(d.code.startsWith('DEF_') && at.has(`${d.file ?? ''}#${d.pointer ?? ''}`)));
  return [...placeholders, ...kept];
}

/**
 * Line of a pointer in a file, for core/environment-apply (which knows files, not documents).
 * A YAML stream has several documents with the same pointers: there it answers undefined and
 * the caller falls back to the definition's own line.
 */
function lineLocator(set: DefinitionSet): (file: string, pointer: string) => number | undefined {
  return (file, pointer) => {
    const documents = set.documents.filter((d) => d.file === file);
    return documents.length === 1 ? documents[0]?.lookup.locate(pointer)?.line : undefined;
  };
}

/** One key order for every diagnostic, so the JSON form is stable whatever produced it. */
function canonical(d: Diagnostic): Diagnostic {
  const { severity, code, message, file, line, column, pointer } = d;
  return JSON.parse(JSON.stringify({ severity, code, message, file, line, column, pointer })) as Diagnostic;
}

function toTarget(entry: DefinitionEntry): ValidationTarget {
  const { resource } = entry;
  return { kind: resource.key.kind, body: resource.body, file: resource.source.file, pointer: resource.source.pointer, locate: locatorFor(entry) };
}

function defaultFetcher(options: ValidateOptions, events: EventSink): (target: Target) => Promise<ServerKnowledge> {
  return (target) => {
    const http = createClientForTarget(target, options.env ?? {}, (message) => events({ type: 'warning', message }), options.clientHooks);
    return fetchServerKnowledge(() => fetchTaskDefs(http), () => fetchWorkflowDefs(http));
  };
}

/** Names of the server's task defs and the versions of its workflows. */
export async function fetchServerKnowledge(
  readTaskDefs: () => Promise<JsonObject[]>,
  readWorkflowDefs: () => Promise<JsonObject[]>,
): Promise<ServerKnowledge> {
  const [taskDefs, workflowDefs] = await Promise.all([readTaskDefs(), readWorkflowDefs()]);
  const taskDefNames = new Set(taskDefs.flatMap((d) => (typeof d['name'] === 'string' ? [d['name']] : [])));
  const workflows = new Map<string, number[]>();
  for (const def of workflowDefs) {
    const name = def['name'];
    if (typeof name !== 'string') continue;
    const version = typeof def['version'] === 'number' ? def['version'] : 1;
    workflows.set(name, [...(workflows.get(name) ?? []), version]);
  }
  return { taskDefNames, workflows };
}
