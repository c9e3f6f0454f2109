/**
 * `/api/metadata/workflow`, as R/MetadataResource.java → K/service/MetadataServiceImpl.java →
 * sqlite-persistence SqliteWorkflowMetadataDAO:
 * - POST: 409 when name+version exists unless `overwrite=true` (then it is an update). The
 *   existence check runs before validation, as in MetadataResource.create. Register sets
 *   only createTime; update sets only updateTime (the stored createTime is not kept).
 * - PUT: an array, create-or-replace each, BulkResponse; all items are validated first, so
 *   one invalid item stores nothing.
 * - the literal routes (names, latest-versions, names-and-versions) shadow `{name}`.
 */
import { conflict, notFound, validationFailed } from '../http/api-error.js';
import { parseBoolean, parseInteger, parseOptionalInteger } from '../http/params.js';
import { empty, json, rawJson } from '../http/responses.js';
import type { ApiResponse, RouteModule, ServerDeps } from '../http/types.js';
import type { Bean } from '../model/java-types.js';
import { buildStoredWorkflowDef, readWorkflowDef, readWorkflowDefList } from '../model/definitions.js';
import { violation } from '../validate-common.js';
import { validateWorkflowDef } from '../validate-workflow-def.js';
import { memoizeLookup, type TaskDefLookup } from '../validate-task-type.js';

const BASE = '/api/metadata/workflow';

export const metadataWorkflowRoutes: RouteModule = {
  name: 'metadata-workflow',
  create: (deps) => {
    const lookup: TaskDefLookup = (name) => deps.metadata.getTaskDef(name);
    return [
      { method: 'POST', path: BASE, handler: (req) => createWorkflowDef(deps, lookup, req.json(), parseBoolean('overwrite', req.query.get('overwrite'), false)) },
      { method: 'PUT', path: BASE, handler: (req) => updateWorkflowDefs(deps, lookup, req.json()) },
      {
        method: 'POST',
        path: `${BASE}/validate`,
        handler: (req) => {
          const def = readWorkflowDef(req.json());
          const violations = validateWorkflowDef(def, 'validateWorkflowDef.arg0', lookup);
          if (violations.length > 0) throw validationFailed(violations);
          return empty();
        },
      },
      {
        method: 'GET',
        path: BASE,
        handler: (req) => {
          const classifier = req.query.get('classifier')?.trim();
          return rawJson(deps.metadata.listWorkflowDefsJson(classifier ? classifier : undefined));
        },
      },
      { method: 'GET', path: `${BASE}/latest-versions`, handler: () => rawJson(deps.metadata.listLatestWorkflowDefsJson()) },
      { method: 'GET', path: `${BASE}/names-and-versions`, handler: () => json(buildNamesAndVersions(deps)) },
      // MetadataDAO.getWorkflowNames: distinct names, Java String order (UTF-16 code units, as JS sorts).
      { method: 'GET', path: `${BASE}/names`, handler: () => json([...deps.metadata.listWorkflowNames()].sort()) },
      {
        method: 'GET',
        path: `${BASE}/{name}/versions`,
        // MetadataDAO.getWorkflowVersions: name, version and createTime only.
        handler: (req) => json(deps.metadata.listWorkflowSummaries(req.params['name']!).map(({ name, version, createTime }) => ({ name, version, createTime }))),
      },
      {
        method: 'GET',
        path: `${BASE}/{name}`,
        handler: (req) => {
          const name = req.params['name']!;
          const version = parseOptionalInteger('version', req.query.get('version'));
          const found = deps.metadata.getWorkflowDefJson(name, version);
          if (found === undefined) throw notFound(`No such workflow found by name: ${name}, version: ${version ?? 'null'}`);
          return rawJson(found);
        },
      },
      {
        method: 'DELETE',
        path: `${BASE}/{name}/{version}`,
        handler: (req) => {
          const name = req.params['name']!;
          const version = parseInteger('version', req.params['version']!);
          if (!deps.metadata.deleteWorkflowDef(name, version)) throw notFound(`No such workflow definition: ${name} version: ${version}`);
          return empty();
        },
      },
    ];
  },
};

function createWorkflowDef(deps: ServerDeps, lookup: TaskDefLookup, body: unknown, overwrite: boolean): ApiResponse {
  const def = readWorkflowDef(body);
  const name = def['name'];
  const version = def['version'] as number;
  const exists = typeof name === 'string' && name.trim() !== '' && deps.metadata.hasWorkflowDef(name, version);
  if (exists && !overwrite) throw conflict(`Workflow with ${name}.${version} already exists!`);
  const method = exists ? 'updateWorkflowDef' : 'registerWorkflowDef';
  const violations = validateWorkflowDef(def, `${method}.arg0`, lookup);
  if (violations.length > 0) throw validationFailed(violations);
  if (exists) {
    deps.metadata.putWorkflowDefs([buildStoredWorkflowDef({ ...def, updateTime: deps.clock.now() })]);
  } else if (!deps.metadata.createWorkflowDef(buildStoredWorkflowDef({ ...def, createTime: deps.clock.now() }))) {
    // Created by a concurrent request between the check and the insert (the DAO re-checks too).
    throw conflict(`Workflow with ${String(name)}.${version} already exists!`);
  }
  return empty();
}

function updateWorkflowDefs(deps: ServerDeps, lookup: TaskDefLookup, body: unknown): ApiResponse {
  const defs = readWorkflowDefList(body);
  if (defs.length === 0) throw validationFailed([violation('updateWorkflowDef.arg0', 'WorkflowDefList is empty')]);
  const requestLookup = memoizeLookup(lookup);
  const violations = defs.flatMap((def, i) =>
    def === null
      ? [violation(`updateWorkflowDef.arg0[${i}]`, 'WorkflowDef cannot be null')]
      : validateWorkflowDef(def, `updateWorkflowDef.arg0[${i}]`, requestLookup),
  );
  if (violations.length > 0) throw validationFailed(violations);
  const now = deps.clock.now();
  const rows = (defs as Bean[]).map((def) => {
    def['updateTime'] = now; // the beans were read from this request: stamped in place, not copied
    return buildStoredWorkflowDef(def);
  });
  deps.metadata.putWorkflowDefs(rows);
  // BulkResponse: `message` has no getter, so Jackson does not write it.
  return json({ bulkErrorResults: {}, bulkSuccessfulResults: rows.map((row) => row.name) });
}

function buildNamesAndVersions(deps: ServerDeps): Record<string, unknown[]> {
  const byName = new Map<string, unknown[]>();
  for (const row of deps.metadata.listWorkflowSummaries()) {
    const list = byName.get(row.name) ?? [];
    list.push({ name: row.name, version: row.version, createTime: row.createTime, updateTime: row.updateTime });
    byName.set(row.name, list);
  }
  // fromEntries defines own properties, so a workflow named "__proto__" stays data.
  return Object.fromEntries(byName);
}
