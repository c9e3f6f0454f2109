/** The JSON view of a Plan: the versioned plan document itself (core/plan-document.ts). */
import type { Plan } from '../core/plan.js';
import { serializePlan } from '../core/plan-document.js';

export function renderPlanJson(plan: Plan): string {
  return serializePlan(plan);
}
