/**
 * The server's model classes as data (docs/conductor-api.md section 4; conductor-oss/conductor
 * b54f0d4 common/.../metadata/{Auditable,SchemaDef,tasks/TaskDef,workflow/*}.java): which
 * fields each class has, what it fills in when a field is omitted, and what an explicit `null`
 * becomes. The normalizer applies them on both sides, so a definition that omits a field and
 * the server's read-back that shows the default compare equal, and so do an older server that
 * lacks a newer field (totalTimeoutSeconds, maskedFields…) and a newer one that shows it.
 * Keep in step with src/devserver/model/definition-specs.ts (the server side of the same
 * classes; core may not import it); test/integration/devserver/normalize-roundtrip.test.ts
 * checks that the two agree.
 */
import type { JsonObject } from './model.js';

/** Fields the server writes itself (section 3.1 "Server-managed fields"); never desired state. */
export const SERVER_MANAGED_FIELDS: readonly string[] = ['createTime', 'updateTime', 'createdBy', 'updatedBy', 'ownerApp'];

/**
 * The JSON properties of each class. Jackson drops any other property on read
 * (FAIL_ON_UNKNOWN_PROPERTIES=false), so the server never stores it: a definition that carries
 * one (a typo, a field of another product such as `tags`, a misplaced `onStateChange` on the
 * workflow) would otherwise plan as a change after every apply.
 */
export const TASK_DEF_FIELDS: readonly string[] = [
  ...SERVER_MANAGED_FIELDS,
  'name', 'description', 'retryCount', 'timeoutSeconds', 'inputKeys', 'outputKeys', 'runtimeMetadata',
  'timeoutPolicy', 'retryLogic', 'retryDelaySeconds', 'responseTimeoutSeconds', 'concurrentExecLimit',
  'inputTemplate', 'rateLimitPerFrequency', 'rateLimitFrequencyInSeconds', 'isolationGroupId',
  'executionNameSpace', 'ownerEmail', 'pollTimeoutSeconds', 'backoffScaleFactor', 'maxRetryDelaySeconds',
  'backoffJitterMs', 'baseType', 'totalTimeoutSeconds', 'taskStatusListenerEnabled', 'inputSchema',
  'outputSchema', 'enforceSchema',
];

export const WORKFLOW_DEF_FIELDS: readonly string[] = [
  ...SERVER_MANAGED_FIELDS,
  'name', 'description', 'version', 'tasks', 'inputParameters', 'outputParameters', 'failureWorkflow',
  'schemaVersion', 'restartable', 'workflowStatusListenerEnabled', 'ownerEmail', 'timeoutPolicy',
  'timeoutSeconds', 'variables', 'inputTemplate', 'failureWorkflowVersion', 'workflowStatusListenerSink',
  'rateLimitConfig', 'inputSchema', 'outputSchema', 'enforceSchema', 'metadata', 'cacheConfig', 'maskedFields',
];

export const WORKFLOW_TASK_FIELDS: readonly string[] = [
  'name', 'taskReferenceName', 'description', 'inputParameters', 'type', 'dynamicTaskNameParam',
  'caseValueParam', 'caseExpression', 'scriptExpression', 'decisionCases', 'dynamicForkJoinTasksParam',
  'dynamicForkTasksParam', 'dynamicForkTasksInputParamName', 'defaultCase', 'forkTasks', 'startDelay',
  'subWorkflowParam', 'joinOn', 'sink', 'optional', 'taskDefinition', 'rateLimited',
  'defaultExclusiveJoinTask', 'asyncComplete', 'loopCondition', 'loopOver', 'items', 'retryCount',
  'evaluatorType', 'expression', 'onStateChange', 'joinStatus', 'cacheConfig', 'permissive', 'joinMode', 'metadata',
];

export const SUB_WORKFLOW_PARAMS_FIELDS: readonly string[] = [
  'name', 'version', 'taskToDomain', 'workflowDefinition', 'idempotencyKey', 'idempotencyStrategy', 'priority',
];

/** SchemaDef extends Auditable, so it has (and the server fills) the server-managed fields too. */
export const SCHEMA_DEF_FIELDS: readonly string[] = [...SERVER_MANAGED_FIELDS, 'name', 'version', 'type', 'data', 'externalRef'];
export const RATE_LIMIT_CONFIG_FIELDS: readonly string[] = ['rateLimitKey', 'concurrentExecLimit', 'policy'];
export const CACHE_CONFIG_FIELDS: readonly string[] = ['key', 'ttlInSecond'];
export const STATE_CHANGE_EVENT_FIELDS: readonly string[] = ['type', 'payload'];

/** Section 4.1. */
export const TASK_DEF_DEFAULTS: Readonly<JsonObject> = {
  retryCount: 3,
  timeoutSeconds: 0,
  totalTimeoutSeconds: 0,
  inputKeys: [],
  outputKeys: [],
  runtimeMetadata: [],
  timeoutPolicy: 'TIME_OUT_WF',
  retryLogic: 'FIXED',
  retryDelaySeconds: 60,
  backoffScaleFactor: 1,
  maxRetryDelaySeconds: 0,
  backoffJitterMs: 0,
  responseTimeoutSeconds: 3600,
  rateLimitPerFrequency: 0,
  rateLimitFrequencyInSeconds: 1,
  inputTemplate: {},
  taskStatusListenerEnabled: true,
  enforceSchema: false,
};

/**
 * Java primitives: Jackson turns an explicit `null` into 0/false (section 1, "Input is
 * lenient"), which is not the field's default when the default is not zero. Boxed fields
 * (rateLimitPerFrequency, backoffScaleFactor…) keep null, so null there means "omitted".
 */
export const TASK_DEF_NULL_AS: Readonly<JsonObject> = {
  retryCount: 0,
  timeoutSeconds: 0,
  retryDelaySeconds: 0,
  responseTimeoutSeconds: 0,
  taskStatusListenerEnabled: false,
};

/** Section 4.2. `version` is filled separately (absent → 1, as keyId does). */
export const WORKFLOW_DEF_DEFAULTS: Readonly<JsonObject> = {
  inputParameters: [],
  outputParameters: {},
  inputTemplate: {},
  schemaVersion: 2,
  restartable: true,
  workflowStatusListenerEnabled: false,
  timeoutPolicy: 'ALERT_ONLY',
  timeoutSeconds: 0,
  variables: {},
  enforceSchema: true,
  metadata: {},
  maskedFields: [],
};

export const WORKFLOW_DEF_NULL_AS: Readonly<JsonObject> = {
  version: 0,
  schemaVersion: 0,
  enforceSchema: false,
  restartable: false,
  workflowStatusListenerEnabled: false,
  timeoutSeconds: 0,
};

/** Section 4.3: shown on every task by GET even when omitted. */
export const WORKFLOW_TASK_DEFAULTS: Readonly<JsonObject> = {
  type: 'SIMPLE',
  inputParameters: {},
  optional: false,
  permissive: false,
  startDelay: 0,
  asyncComplete: false,
  onStateChange: {},
  metadata: {},
  decisionCases: {},
  defaultCase: [],
  forkTasks: [],
  joinOn: [],
  loopOver: [],
  defaultExclusiveJoinTask: [],
};

/** SchemaDef (inputSchema/outputSchema): version defaults to 1. */
export const SCHEMA_DEF_DEFAULTS: Readonly<JsonObject> = { version: 1 };
export const SCHEMA_DEF_NULL_AS: Readonly<JsonObject> = { version: 0 };

/** WorkflowDef.rateLimitConfig. */
export const RATE_LIMIT_CONFIG_DEFAULTS: Readonly<JsonObject> = { concurrentExecLimit: 0, policy: 'QUEUE' };

/** CacheConfig (WorkflowDef.cacheConfig, WorkflowTask.cacheConfig): `int ttlInSecond`. */
export const CACHE_CONFIG_DEFAULTS: Readonly<JsonObject> = { ttlInSecond: 0 };
