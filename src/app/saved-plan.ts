/**
 * `apply plan.json`: read a plan document written by `plan --out`, and check that it still
 * describes the server: same environment, and every resource it touches still has the
 * fingerprint recorded at plan time (Terraform's stale-plan rule). Anything else refuses.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findStaleKeys } from '../core/fingerprint.js';
import type { State } from '../core/model.js';
import { parsePlanText, PlanDocumentError, serializePlan } from '../core/plan-document.js';
import type { Plan } from '../core/plan-types.js';
import { StalePlanError, UsageError } from '../errors.js';

/** `plan --out`: the versioned plan document. It holds no secrets (bodies and fingerprints only). */
export async function writePlanFile(plan: Plan, path: string, cwd: string): Promise<void> {
  try {
    await writeFile(resolve(cwd, path), serializePlan(plan), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot write plan file ${path}`, { code: 'PLAN_FILE_UNWRITABLE', cause: error });
  }
}

export async function readPlanFile(path: string, cwd: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read plan file ${path}`, { code: 'PLAN_FILE_UNREADABLE', cause: error });
  }
  try {
    return parsePlanText(text);
  } catch (error) {
    if (error instanceof PlanDocumentError) {
      throw new UsageError(`${path} is not a usable plan: ${error.message}`, { code: error.code, cause: error });
    }
    throw error;
  }
}

/** Throws when the plan was made for another environment or the server changed since. */
export function checkSavedPlan(plan: Plan, environment: string, actual: State, path: string): void {
  if (plan.environment !== environment) {
    throw new UsageError(`${path} was planned for environment "${plan.environment}", not "${environment}"`, {
      code: 'PLAN_ENVIRONMENT_MISMATCH',
      hint: `run with --profile ${plan.environment}, or plan again`,
    });
  }
  const stale = findStaleKeys(plan.actualFingerprint.resources, actual);
  if (stale.length === 0) return;
  const listed = stale.slice(0, 10).join(', ') + (stale.length > 10 ? ` and ${stale.length - 10} more` : '');
  throw new StalePlanError(`${path} is stale: the server changed since it was planned (${listed})`, {
    hint: 'run `conductor plan --out` again and review the new plan',
  });
}
