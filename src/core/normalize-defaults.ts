/**
 * What a Conductor server fills in when a field is omitted (docs/conductor-api.md section 4),
 * as data. The normalizer fills these on both sides, so a definition that omits a field and
 * the server's read-back that shows the default compare equal, and so do an older server that
 * lacks a newer field (totalTimeoutSeconds, maskedFields…) and a newer one that shows it.
 */
import type { JsonObject } from './model.js';

/** Fields the server writes itself (section 3.1 "Server-managed fields"); never desired state. */
export const SERVER_MANAGED_FIELDS: readonly string[] = ['createTime', 'updateTime', 'createdBy', 'updatedBy', 'ownerApp'];

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
  schemaVersion: 0,
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

/** WorkflowDef.rateLimitConfig. */
export const RATE_LIMIT_CONFIG_DEFAULTS: Readonly<JsonObject> = { concurrentExecLimit: 0, policy: 'QUEUE' };
