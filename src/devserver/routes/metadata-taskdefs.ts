/**
 * `/api/metadata/taskdefs`, as R/MetadataResource.java → K/service/MetadataServiceImpl.java →
 * sqlite-persistence SqliteTaskMetadataDAO. POST takes an array and upserts (createTime=now,
 * createdBy="" — the REST thread's client app —, updateTime/updatedBy cleared); PUT takes one
 * def and needs it to exist (keeps createTime/createdBy, sets updateTime=now, updatedBy="").
 * Every write is one transaction: a request is stored whole or not at all.
 */
import { notFound, serverError, validationFailed } from '../http/api-error.js';
import { empty, rawJson } from '../http/responses.js';
import type { RouteModule, ServerDeps } from '../http/types.js';
import type { Bean } from '../model/java-types.js';
import { readTaskDef, readTaskDefList, writeTaskDef } from '../model/definitions.js';
import { violation } from '../validate-common.js';
import { validateTaskDef } from '../validate-task-def.js';

/** WorkflowContext.get().getClientApp() on a REST thread. */
const CLIENT_APP = '';

export const metadataTaskDefRoutes: RouteModule = {
  name: 'metadata-taskdefs',
  create: (deps) => [
    { method: 'POST', path: '/api/metadata/taskdefs', handler: (req) => registerTaskDefs(deps, req.json()) },
    { method: 'PUT', path: '/api/metadata/taskdefs', handler: (req) => updateTaskDef(deps, req.json()) },
    { method: 'GET', path: '/api/metadata/taskdefs', handler: () => rawJson(deps.metadata.listTaskDefsJson()) },
    {
      method: 'GET',
      path: '/api/metadata/taskdefs/{tasktype}',
      handler: (req) => {
        const json = deps.metadata.getTaskDefJson(req.params['tasktype']!);
        if (json === undefined) throw notFound(`No such taskType found by name: ${req.params['tasktype']!}`);
        return rawJson(json);
      },
    },
    {
      method: 'DELETE',
      path: '/api/metadata/taskdefs/{tasktype}',
      handler: (req) => {
        if (!deps.metadata.deleteTaskDef(req.params['tasktype']!)) throw notFound('No such task definition');
        return empty();
      },
    },
  ],
};

function registerTaskDefs(deps: ServerDeps, body: unknown): ReturnType<typeof empty> {
  const defs = readTaskDefList(body);
  if (defs.length === 0) throw validationFailed([violation('registerTaskDef.arg0', 'TaskDefList is empty')]);
  const violations = defs.flatMap((def, i) => (def ? validateTaskDef(def, `registerTaskDef.arg0[${i}]`) : []));
  if (violations.length > 0) throw validationFailed(violations);
  // The real service NPEs on a null element after storing the ones before it; we refuse it whole.
  if (defs.some((def) => def === null)) throw serverError('Cannot register a null TaskDef');
  const now = deps.clock.now();
  const rows = (defs as Bean[]).map((def) => {
    // The beans were read from this request: stamped in place, not copied.
    def['createdBy'] = CLIENT_APP;
    def['createTime'] = now;
    def['updatedBy'] = null;
    def['updateTime'] = null;
    return { name: def['name'] as string, json: writeTaskDef(def) };
  });
  deps.metadata.upsertTaskDefs(rows);
  return empty();
}

function updateTaskDef(deps: ServerDeps, body: unknown): ReturnType<typeof empty> {
  const def = readTaskDef(body);
  const violations = validateTaskDef(def, 'updateTaskDef.arg0');
  if (violations.length > 0) throw validationFailed(violations);
  const name = def['name'] as string;
  const updated = deps.metadata.updateTaskDef(name, (existing) =>
    writeTaskDef({
      ...def,
      updatedBy: CLIENT_APP,
      updateTime: deps.clock.now(),
      createTime: existing['createTime'] ?? 0,
      createdBy: existing['createdBy'] ?? null,
    }),
  );
  if (!updated) throw notFound(`No such task by name ${name}`);
  return empty();
}
