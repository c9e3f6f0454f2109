/**
 * Bean specs of the definition classes, read from conductor-oss/conductor b54f0d4:
 * common/.../metadata/Auditable.java, tasks/TaskDef.java, SchemaDef.java,
 * workflow/{WorkflowDef,WorkflowTask,SubWorkflowParams,StateChangeEvent,RateLimitConfig,
 * CacheConfig}.java. Order = Jackson's (superclass fields first, then declaration order);
 * `init` = field initializer; `get`/`set` = getter/setter logic. Keep in step with upstream.
 */
import { serverError } from '../http/api-error.js';
import { readBean, writeBean } from './bean-codec.js';
import { T, type BeanSpec, type PropertySpec } from './java-types.js';

// Every bean shares its initial values (java-types.ts PropertySpec.init): empty collections
// are frozen. Beans are read-only once read; routes only stamp their top-level fields.
const EMPTY_LIST: readonly unknown[] = Object.freeze([]);
const EMPTY_MAP: Readonly<Record<string, unknown>> = Object.freeze({});
const emptyList = (): unknown => EMPTY_LIST;
const emptyMap = (): unknown => EMPTY_MAP;
const nullToZero = (value: unknown): unknown => value ?? 0;

/** Auditable: getCreateTime/getUpdateTime turn null into 0. */
const auditable: PropertySpec[] = [
  { name: 'ownerApp', type: T.string },
  { name: 'createTime', type: T.Long, get: nullToZero },
  { name: 'updateTime', type: T.Long, get: nullToZero },
  { name: 'createdBy', type: T.string },
  { name: 'updatedBy', type: T.string },
];

export const schemaDefSpec: BeanSpec = {
  javaName: 'com.netflix.conductor.common.metadata.SchemaDef',
  properties: [
    ...auditable,
    { name: 'name', type: T.string },
    { name: 'version', type: T.int, init: () => 1 },
    { name: 'type', type: T.enumOf('com.netflix.conductor.common.metadata.SchemaDef$Type', ['JSON', 'AVRO', 'PROTOBUF']) },
    { name: 'data', type: T.map },
    { name: 'externalRef', type: T.string },
  ],
};

export const taskDefSpec: BeanSpec = {
  javaName: 'com.netflix.conductor.common.metadata.tasks.TaskDef',
  properties: [
    ...auditable,
    { name: 'name', type: T.string },
    { name: 'description', type: T.string },
    { name: 'retryCount', type: T.int, init: () => 3 },
    { name: 'timeoutSeconds', type: T.long, init: () => 0 },
    { name: 'inputKeys', type: T.list(T.string), init: emptyList },
    { name: 'outputKeys', type: T.list(T.string), init: emptyList },
    { name: 'runtimeMetadata', type: T.list(T.string), init: emptyList },
    {
      name: 'timeoutPolicy',
      type: T.enumOf('com.netflix.conductor.common.metadata.tasks.TaskDef$TimeoutPolicy', ['RETRY', 'TIME_OUT_WF', 'ALERT_ONLY']),
      init: () => 'TIME_OUT_WF',
    },
    {
      name: 'retryLogic',
      type: T.enumOf('com.netflix.conductor.common.metadata.tasks.TaskDef$RetryLogic', ['FIXED', 'EXPONENTIAL_BACKOFF', 'LINEAR_BACKOFF']),
      init: () => 'FIXED',
    },
    { name: 'retryDelaySeconds', type: T.int, init: () => 60 },
    { name: 'responseTimeoutSeconds', type: T.long, init: () => 3600 },
    { name: 'concurrentExecLimit', type: T.Integer },
    { name: 'inputTemplate', type: T.map, init: emptyMap },
    { name: 'rateLimitPerFrequency', type: T.Integer, get: nullToZero },
    { name: 'rateLimitFrequencyInSeconds', type: T.Integer, get: (v) => v ?? 1 },
    { name: 'isolationGroupId', type: T.string },
    { name: 'executionNameSpace', type: T.string },
    { name: 'ownerEmail', type: T.string },
    { name: 'pollTimeoutSeconds', type: T.Integer },
    { name: 'backoffScaleFactor', type: T.Integer, init: () => 1 },
    { name: 'maxRetryDelaySeconds', type: T.int, init: () => 0 },
    { name: 'backoffJitterMs', type: T.int, init: () => 0 },
    { name: 'baseType', type: T.string },
    { name: 'totalTimeoutSeconds', type: T.long, init: () => 0 },
    { name: 'taskStatusListenerEnabled', type: T.boolean, init: () => true },
    { name: 'inputSchema', type: T.bean(() => schemaDefSpec) },
    { name: 'outputSchema', type: T.bean(() => schemaDefSpec) },
    { name: 'enforceSchema', type: T.boolean, init: () => false },
  ],
};

const stateChangeEventSpec: BeanSpec = {
  javaName: 'com.netflix.conductor.common.metadata.workflow.StateChangeEvent',
  properties: [
    { name: 'type', type: T.string },
    { name: 'payload', type: T.map },
  ],
};

const cacheConfigSpec: BeanSpec = {
  javaName: 'com.netflix.conductor.common.metadata.workflow.CacheConfig',
  properties: [
    { name: 'key', type: T.string },
    { name: 'ttlInSecond', type: T.int, init: () => 0 },
  ],
};

const rateLimitConfigSpec: BeanSpec = {
  javaName: 'com.netflix.conductor.common.metadata.workflow.RateLimitConfig',
  properties: [
    { name: 'rateLimitKey', type: T.string },
    { name: 'concurrentExecLimit', type: T.int, init: () => 0 },
    {
      name: 'policy',
      type: T.enumOf('com.netflix.conductor.common.metadata.workflow.RateLimitConfig$RateLimitPolicy', ['QUEUE', 'REJECT']),
      init: () => 'QUEUE',
    },
  ],
};

/**
 * SubWorkflowParams.setWorkflowDefinition: null, a "${...}" string, or an object converted to
 * a WorkflowDef; anything else throws IllegalArgumentException inside Jackson (→ 500).
 */
function readInlineWorkflowDefinition(value: unknown): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith('${') || !value.endsWith('}')) {
      throw serverError('JSON parse error: workflowDefinition is a string, but not a valid DSL string');
    }
    return value;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return readBean(workflowDefSpec, value);
  throw serverError('JSON parse error: workflowDefinition must be either null, or WorkflowDef, or a valid DSL string');
}

function inlineDef(bean: Record<string, unknown>): Record<string, unknown> | undefined {
  const def = bean['workflowDefinition'];
  return typeof def === 'object' && def !== null ? (def as Record<string, unknown>) : undefined;
}

const subWorkflowParamsSpec: BeanSpec = {
  javaName: 'com.netflix.conductor.common.metadata.workflow.SubWorkflowParams',
  properties: [
    // getName/getVersion answer from an inline WorkflowDef when there is one.
    { name: 'name', type: T.string, get: (v, bean) => (inlineDef(bean) ? inlineDef(bean)!['name'] : v) },
    { name: 'version', type: T.Integer, get: (v, bean) => (inlineDef(bean) ? inlineDef(bean)!['version'] : v) },
    { name: 'taskToDomain', type: T.mapOf(T.string) },
    {
      name: 'workflowDefinition',
      type: {
        kind: 'custom',
        read: readInlineWorkflowDefinition,
        write: (v) => (typeof v === 'string' ? v : writeBean(workflowDefSpec, v as Record<string, unknown>)),
      },
    },
    { name: 'idempotencyKey', type: T.string },
    {
      name: 'idempotencyStrategy',
      type: T.enumOf('com.netflix.conductor.common.metadata.workflow.IdempotencyStrategy', ['FAIL', 'RETURN_EXISTING', 'FAIL_ON_RUNNING']),
    },
    { name: 'priority', type: T.object },
  ],
};

const workflowTaskType = T.bean(() => workflowTaskSpec);

export const workflowTaskSpec: BeanSpec = {
  javaName: 'com.netflix.conductor.common.metadata.workflow.WorkflowTask',
  properties: [
    { name: 'name', type: T.string },
    { name: 'taskReferenceName', type: T.string },
    { name: 'description', type: T.string },
    { name: 'inputParameters', type: T.map, init: emptyMap },
    { name: 'type', type: T.string, init: () => 'SIMPLE' },
    { name: 'dynamicTaskNameParam', type: T.string },
    { name: 'caseValueParam', type: T.string },
    { name: 'caseExpression', type: T.string },
    { name: 'scriptExpression', type: T.string },
    { name: 'decisionCases', type: T.mapOf(T.list(workflowTaskType)), init: emptyMap },
    { name: 'dynamicForkJoinTasksParam', type: T.string },
    { name: 'dynamicForkTasksParam', type: T.string },
    { name: 'dynamicForkTasksInputParamName', type: T.string },
    { name: 'defaultCase', type: T.list(workflowTaskType), init: emptyList },
    { name: 'forkTasks', type: T.list(T.list(workflowTaskType)), init: emptyList },
    { name: 'startDelay', type: T.int, init: () => 0 },
    { name: 'subWorkflowParam', type: T.bean(() => subWorkflowParamsSpec) },
    { name: 'joinOn', type: T.list(T.string), init: emptyList },
    { name: 'sink', type: T.string },
    { name: 'optional', type: T.boolean, init: () => false },
    { name: 'taskDefinition', type: T.bean(() => taskDefSpec) },
    { name: 'rateLimited', type: T.Boolean },
    { name: 'defaultExclusiveJoinTask', type: T.list(T.string), init: emptyList },
    { name: 'asyncComplete', type: T.Boolean, init: () => false },
    { name: 'loopCondition', type: T.string },
    { name: 'loopOver', type: T.list(workflowTaskType), init: emptyList },
    { name: 'items', type: T.string },
    { name: 'retryCount', type: T.Integer },
    { name: 'evaluatorType', type: T.string },
    { name: 'expression', type: T.string },
    { name: 'onStateChange', type: T.mapOf(T.list(T.bean(() => stateChangeEventSpec))), init: emptyMap },
    { name: 'joinStatus', type: T.string },
    { name: 'cacheConfig', type: T.bean(() => cacheConfigSpec) },
    { name: 'permissive', type: T.boolean, init: () => false },
    { name: 'joinMode', type: T.enumOf('com.netflix.conductor.common.metadata.workflow.WorkflowTask$JoinMode', ['SYNC', 'ASYNC']) },
    // setMetadata turns null into an empty map.
    { name: 'metadata', type: T.map, init: emptyMap, set: (v) => v ?? {} },
  ],
};

export const workflowDefSpec: BeanSpec = {
  javaName: 'com.netflix.conductor.common.metadata.workflow.WorkflowDef',
  properties: [
    ...auditable,
    { name: 'name', type: T.string },
    { name: 'description', type: T.string },
    { name: 'version', type: T.int, init: () => 1 },
    { name: 'tasks', type: T.list(workflowTaskType), init: emptyList },
    { name: 'inputParameters', type: T.list(T.string), init: emptyList },
    { name: 'outputParameters', type: T.map, init: emptyMap },
    { name: 'failureWorkflow', type: T.string },
    { name: 'schemaVersion', type: T.int, init: () => 2 },
    { name: 'restartable', type: T.boolean, init: () => true },
    { name: 'workflowStatusListenerEnabled', type: T.boolean, init: () => false },
    { name: 'ownerEmail', type: T.string },
    {
      name: 'timeoutPolicy',
      type: T.enumOf('com.netflix.conductor.common.metadata.workflow.WorkflowDef$TimeoutPolicy', ['TIME_OUT_WF', 'ALERT_ONLY']),
      init: () => 'ALERT_ONLY',
    },
    { name: 'timeoutSeconds', type: T.long, init: () => 0 },
    { name: 'variables', type: T.map, init: emptyMap },
    { name: 'inputTemplate', type: T.map, init: emptyMap },
    { name: 'failureWorkflowVersion', type: T.Integer },
    { name: 'workflowStatusListenerSink', type: T.string },
    { name: 'rateLimitConfig', type: T.bean(() => rateLimitConfigSpec) },
    { name: 'inputSchema', type: T.bean(() => schemaDefSpec) },
    { name: 'outputSchema', type: T.bean(() => schemaDefSpec) },
    { name: 'enforceSchema', type: T.boolean, init: () => true },
    { name: 'metadata', type: T.map, init: emptyMap },
    { name: 'cacheConfig', type: T.bean(() => cacheConfigSpec) },
    { name: 'maskedFields', type: T.list(T.string), init: emptyList },
  ],
};
