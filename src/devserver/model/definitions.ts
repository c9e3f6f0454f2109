/**
 * Reading request bodies into definition beans and writing the stored JSON. Server-managed
 * fields are set by the route handlers (routes/metadata-*.ts) before `write*` is called.
 */
import { readBean, readValue, writeBean } from './bean-codec.js';
import { T, type Bean, type JavaType } from './java-types.js';
import { taskDefSpec, workflowDefSpec } from './definition-specs.js';
import type { StoredWorkflowDef } from '../store/metadata-store.js';

// Built once: codecs are compiled per type object.
const taskDefListType: JavaType = T.list(T.bean(() => taskDefSpec));
const workflowDefListType: JavaType = T.list(T.bean(() => workflowDefSpec));

export function readTaskDef(json: unknown): Bean {
  return readBean(taskDefSpec, json);
}

/** A `List<TaskDef>` body; null elements stay null, as Jackson leaves them. */
export function readTaskDefList(json: unknown): (Bean | null)[] {
  return readValue(taskDefListType, json) as (Bean | null)[];
}

export function readWorkflowDef(json: unknown): Bean {
  return readBean(workflowDefSpec, json);
}

export function readWorkflowDefList(json: unknown): (Bean | null)[] {
  return readValue(workflowDefListType, json) as (Bean | null)[];
}

export function writeTaskDef(def: Bean): string {
  return JSON.stringify(writeBean(taskDefSpec, def));
}

export function writeWorkflowDef(def: Bean): string {
  return JSON.stringify(writeBean(workflowDefSpec, def));
}

/** The row to store for a workflow def bean whose server-managed fields are set. */
export function buildStoredWorkflowDef(def: Bean): StoredWorkflowDef {
  return {
    name: def['name'] as string,
    version: def['version'] as number,
    createTime: (def['createTime'] as number | null) ?? 0,
    updateTime: (def['updateTime'] as number | null) ?? 0,
    classifier: classifierOf(def['metadata']),
    json: writeWorkflowDef(def),
  };
}

/** common/.../metadata/workflow/WorkflowClassifier.java#classifierOf. */
export function classifierOf(metadata: unknown): string {
  if (typeof metadata !== 'object' || metadata === null || Object.keys(metadata).length === 0) return 'workflow';
  const m = metadata as Record<string, unknown>;
  const explicit = m['classifier'];
  if (typeof explicit === 'string' && explicit.trim() !== '') return explicit;
  if ((m['agent_sdk'] ?? null) !== null || (m['agentDef'] ?? null) !== null) return 'agent';
  return 'workflow';
}
