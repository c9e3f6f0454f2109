/**
 * Definition CRUD with the official CLI's commands: `task create|update|list|get|get_all|
 * delete` and `workflow create|update|list|get|get_all|delete`. Unlike the official CLI,
 * `workflow create` refuses an existing name+version unless `force` (its --force is never
 * read, issue 6), and files may be YAML.
 */
import type { JsonObject } from '../../core/model.js';
import { CliError, ConductorApiError, UsageError } from '../../errors.js';
import { createWorkflowDef, fetchTaskDef, fetchTaskDefs, fetchWorkflowDef, fetchWorkflowDefs, putTaskDefs, putWorkflowDefs, updateTaskDef } from '../../conductor/metadata-api.js';
import { deleteExistingTaskDef, deleteExistingWorkflowDef } from '../../conductor/workflow-api-metadata.js';
import { orNotFound, type RuntimeClient } from './client.js';
import { readDefinitionObjects } from './definition-file.js';

export interface DefinitionFileOptions {
  file: string;
  cwd: string;
}

/** Registers (upserts) every task def in the file; returns their names. */
export async function createTaskDefs(client: RuntimeClient, options: DefinitionFileOptions): Promise<string[]> {
  const defs = await readDefinitionObjects(options.file, options.cwd, 'task definition');
  await putTaskDefs(client, defs);
  return defs.map((d) => String(d['name']));
}

/** Updates existing task defs (404 names the missing one). */
export async function updateTaskDefs(client: RuntimeClient, options: DefinitionFileOptions): Promise<string[]> {
  const defs = await readDefinitionObjects(options.file, options.cwd, 'task definition');
  for (const def of defs) {
    await orNotFound(updateTaskDef(client, def), 'TASK_DEF_NOT_FOUND', `task definition ${String(def['name'])} not found (create it with \`task create\`)`);
  }
  return defs.map((d) => String(d['name']));
}

/** Every task def, sorted by name; `pattern` (a regular expression) filters names. */
export async function listTaskDefs(client: RuntimeClient, pattern?: string): Promise<JsonObject[]> {
  return filterByName(await fetchTaskDefs(client), pattern).sort(byNameThenVersion);
}

export async function getTaskDef(client: RuntimeClient, name: string): Promise<JsonObject> {
  const def = await fetchTaskDef(client, name);
  if (!def) throw new CliError('TASK_DEF_NOT_FOUND', `task definition ${name} not found`);
  return def;
}

export async function deleteTaskDef(client: RuntimeClient, name: string): Promise<void> {
  await orNotFound(deleteExistingTaskDef(client, name), 'TASK_DEF_NOT_FOUND', `task definition ${name} not found`);
}

export interface WorkflowDefRef {
  name: string;
  version: number;
}

/**
 * Registers each workflow def of the file. An existing name+version is refused
 * (WORKFLOW_DEF_EXISTS) unless `force`, which replaces it (PUT, works on every server version).
 */
export async function createWorkflowDefs(client: RuntimeClient, options: DefinitionFileOptions & { force: boolean }): Promise<WorkflowDefRef[]> {
  const defs = await readDefinitionObjects(options.file, options.cwd, 'workflow definition');
  const refs: WorkflowDefRef[] = [];
  for (const def of defs) {
    const ref = refOf(def);
    if (options.force) await putChecked(client, [def]);
    else await postNew(client, def, ref);
    refs.push(ref);
  }
  return refs;
}

/** Creates or replaces each workflow def of the file (PUT /metadata/workflow). */
export async function updateWorkflowDefs(client: RuntimeClient, options: DefinitionFileOptions): Promise<WorkflowDefRef[]> {
  const defs = await readDefinitionObjects(options.file, options.cwd, 'workflow definition');
  await putChecked(client, defs);
  return defs.map(refOf);
}

/** Every version of every workflow def, by name then version; `pattern` filters names. */
export async function listWorkflowDefs(client: RuntimeClient, pattern?: string): Promise<JsonObject[]> {
  return filterByName(await fetchWorkflowDefs(client), pattern).sort(byNameThenVersion);
}

/** One version, or the highest when `version` is undefined. */
export async function getWorkflowDef(client: RuntimeClient, name: string, version?: number): Promise<JsonObject> {
  const def = await fetchWorkflowDef(client, name, version);
  if (!def) throw new CliError('WORKFLOW_DEF_NOT_FOUND', `workflow definition ${name}${version === undefined ? '' : ` version ${version}`} not found`);
  return def;
}

export async function deleteWorkflowDef(client: RuntimeClient, name: string, version: number): Promise<void> {
  await orNotFound(deleteExistingWorkflowDef(client, name, version), 'WORKFLOW_DEF_NOT_FOUND', `workflow definition ${name} version ${version} not found`);
}

async function postNew(client: RuntimeClient, def: JsonObject, ref: WorkflowDefRef): Promise<void> {
  try {
    await createWorkflowDef(client, def, { overwrite: false });
  } catch (error) {
    if (error instanceof ConductorApiError && error.status === 409) {
      throw new CliError('WORKFLOW_DEF_EXISTS', `workflow definition ${ref.name} version ${ref.version} already exists`, {
        hint: 'pass --force to overwrite it, or use `workflow update`',
      });
    }
    throw error;
  }
}

async function putChecked(client: RuntimeClient, defs: JsonObject[]): Promise<void> {
  const { errors } = await putWorkflowDefs(client, defs);
  if (errors.size > 0) {
    const list = [...errors].map(([name, message]) => `${name}: ${message}`).join('; ');
    throw new CliError('WORKFLOW_DEF_REJECTED', `the server rejected ${list}`);
  }
}

function refOf(def: JsonObject): WorkflowDefRef {
  const version = def['version'];
  return { name: String(def['name']), version: typeof version === 'number' ? version : 1 };
}

function filterByName(defs: JsonObject[], pattern: string | undefined): JsonObject[] {
  if (pattern === undefined) return defs;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch (error) {
    throw new UsageError(`invalid regular expression "${pattern}": ${(error as Error).message}`);
  }
  return defs.filter((d) => regex.test(String(d['name'])));
}

function byNameThenVersion(a: JsonObject, b: JsonObject): number {
  const byName = String(a['name']).localeCompare(String(b['name']));
  return byName !== 0 ? byName : Number(a['version'] ?? 0) - Number(b['version'] ?? 0);
}
