/**
 * Golden plan scenarios (docs/style.md "Golden files for plan output"). Each folder under
 * test/golden/plan/<case>/ holds the desired definitions (desired/*.yaml or desired.json), the
 * server's state (actual.json: GET bodies, task defs and workflow defs mixed) and optionally
 * options.json (BuildPlanOptions in JSON form). The runner plans with the pure core and
 * compares the three views with plan.txt, plan.json and plan.md. Update with `vitest -u`
 * locally; under CI=true nothing is written. Review golden diffs like code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildState, inferKind, type JsonObject, type Resource, type SourceLocation } from '../../src/core/model.js';
import { buildPlan, type BuildPlanOptions, type ExecutionCounts } from '../../src/core/plan.js';
import { parsePlanText } from '../../src/core/plan-document.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';

const casesDir = resolve(import.meta.dirname, 'plan');

interface CaseOptions extends Omit<BuildPlanOptions, 'environment' | 'ownedTaskDefs' | 'lastApplied' | 'executionCounts' | 'scope'> {
  environment?: string;
  scope?: string[];
  ownedTaskDefs?: string[];
  lastApplied?: Record<string, string | JsonObject>;
  executionCounts?: Record<string, ExecutionCounts>;
}

function toResource(body: JsonObject, source?: SourceLocation): Resource {
  const kind = inferKind(body);
  const name = String(body['name']);
  const key = kind === 'workflowDef' ? { kind, name, version: typeof body['version'] === 'number' ? body['version'] : 1 } : { kind, name };
  return source ? { key, body, source } : { key, body };
}

function readDesired(dir: string): Resource[] {
  if (existsSync(join(dir, 'desired.json'))) {
    const bodies = JSON.parse(readFileSync(join(dir, 'desired.json'), 'utf8')) as JsonObject[];
    return bodies.map((body, i) => toResource(body, { file: 'desired.json', pointer: `/${i}` }));
  }
  const desiredDir = join(dir, 'desired');
  if (!existsSync(desiredDir)) return [];
  return readdirSync(desiredDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .flatMap((name) => {
      const parsed = parseYaml(readFileSync(join(desiredDir, name), 'utf8')) as JsonObject | JsonObject[];
      const file = `desired/${name}`;
      if (!Array.isArray(parsed)) return [toResource(parsed, { file, line: 1, pointer: '' })];
      return parsed.map((body, i) => toResource(body, { file, pointer: `/${i}` }));
    });
}

function readOptions(dir: string): BuildPlanOptions {
  const path = join(dir, 'options.json');
  const raw: CaseOptions = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as CaseOptions) : {};
  const { environment, ownedTaskDefs, lastApplied, executionCounts, scope, ...rest } = raw;
  const options: BuildPlanOptions = { ...rest, environment: environment ?? 'staging' };
  if (scope) options.scope = scope;
  if (ownedTaskDefs) options.ownedTaskDefs = new Set(ownedTaskDefs);
  if (lastApplied) options.lastApplied = new Map(Object.entries(lastApplied));
  if (executionCounts) options.executionCounts = new Map(Object.entries(executionCounts));
  return options;
}

const cases = readdirSync(casesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('golden plans', () => {
  it('has the scenarios', () => {
    expect(cases).toEqual(
      expect.arrayContaining(['bump', 'create', 'cycle-error', 'drift', 'noop-recorded-server', 'prune-delete', 'strict-error', 'taskdef-update-used-by']),
    );
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = join(casesDir, name);
      const actualBodies = JSON.parse(readFileSync(join(dir, 'actual.json'), 'utf8')) as JsonObject[];
      const plan = buildPlan(buildState(readDesired(dir)), buildState(actualBodies.map((body) => toResource(body))), readOptions(dir));
      const json = renderPlanJson(plan);
      expect(parsePlanText(json)).toEqual(plan);
      await expect(renderPlanText(plan, { color: false, width: 80 })).toMatchFileSnapshot(join(dir, 'plan.txt'));
      await expect(json).toMatchFileSnapshot(join(dir, 'plan.json'));
      await expect(renderPlanMarkdown(plan)).toMatchFileSnapshot(join(dir, 'plan.md'));
    });
  }
});
