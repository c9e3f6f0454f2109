import { describe, expect, it } from 'vitest';
import { MANAGED_MARKER, buildPlan } from '../../../src/core/plan.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { renderWorkflowFlowchart } from '../../../src/render/plan-mermaid.js';
import { forkTask, simpleTask, state, switchTask, task, taskDef, withBody, workflowDef } from '../../helpers/builders.js';

const managed = { metadata: { [MANAGED_MARKER]: true } };

describe('renderPlanMarkdown', () => {
  it('has a table, a section per change and a diff block', () => {
    const plan = buildPlan(state(taskDef({ name: 'a', retryCount: 1 })), state(taskDef({ name: 'a' })), { environment: 'prod' });
    const md = renderPlanMarkdown(plan);
    expect(md).toContain('### Conductor plan for `prod`');
    expect(md).toContain('| `taskDef/a` | update | content changed |');
    expect(md).toContain('<summary><code>~ update taskDef/a (content changed)</code></summary>');
    expect(md).toContain('```diff\n@@ -1,2 +1,2 @@\n name: a\n-retryCount: 3\n+retryCount: 1\n```');
  });

  it('stays under the limit: drops diffs first, then sections, with notices', () => {
    const big = (name: string) => taskDef({ name, inputTemplate: { text: 'x'.repeat(3000) } });
    const plan = buildPlan(state(big('a'), big('b'), big('c'), big('d')), state(), { environment: 'e' });
    const full = renderPlanMarkdown(plan);
    expect(full.length).toBeGreaterThan(12_000);
    const cut = renderPlanMarkdown(plan, { maxLength: 8_000 });
    expect(cut.length).toBeLessThanOrEqual(8_000);
    expect(cut).toContain('_Diff left out to keep this comment under the size limit');
    const tiny = renderPlanMarkdown(plan, { maxLength: 1_000 });
    expect(tiny.length).toBeLessThanOrEqual(1_000);
    const notShown = Number(/_(\d+) more changes? (?:is|are) not shown: this comment is kept under 1,000 characters/.exec(tiny)?.[1]);
    expect(notShown).toBeGreaterThanOrEqual(1);
    expect(tiny.split('<details>').length - 1 + notShown).toBe(4);
  });

  it('cuts a very long table too', () => {
    const many = Array.from({ length: 3000 }, (_, i) => taskDef({ name: `task_${String(i).padStart(4, '0')}` }));
    const md = renderPlanMarkdown(buildPlan(state(...many), state(), { environment: 'e' }));
    expect(md.length).toBeLessThanOrEqual(60_000);
    expect(md).toMatch(/\| _and \d+ more_ \| \| \|/);
    expect(md).toMatch(/_\d+ more changes are not shown/);
  });

  it('cuts a very long list of diagnostics too', () => {
    const plan = buildPlan(state(taskDef({ name: 'a' })), state(), { environment: 'e' });
    const diagnostics = Array.from({ length: 2000 }, (_, i) => ({ severity: 'warning' as const, code: 'W', message: `warning number ${i} `.repeat(5) }));
    const md = renderPlanMarkdown({ ...plan, diagnostics });
    expect(md.length).toBeLessThanOrEqual(60_000);
    expect(md).toMatch(/- _and \d+ more; run `conductor plan` to see all of them_/);
    expect(md).toContain('<summary><code>+ create taskDef/a (new)</code></summary>');
  });

  it('fences a diff that contains backticks with a longer fence', () => {
    const plan = buildPlan(state(taskDef({ name: 'a', description: 'use ```code```' })), state(), { environment: 'e' });
    expect(renderPlanMarkdown(plan)).toContain('````diff\n');
  });
});

describe('renderWorkflowFlowchart', () => {
  it('draws branches and marks added, changed and removed tasks', () => {
    const before = withBody(workflowDef({ name: 'w', tasks: [switchTask('sw', { gold: [simpleTask('a')] }), simpleTask('old')] }), managed);
    const after = workflowDef({
      name: 'w',
      tasks: [switchTask('sw', { gold: [simpleTask('a', 'a', { optional: true })], silver: [simpleTask('b')] }), forkTask('fork', [[simpleTask('x')], [simpleTask('y')]]), task('JOIN', 'join', { joinOn: ['x', 'y'] })],
    });
    const change = buildPlan(state(after), state(before), { environment: 'e' }).changes[0]!;
    const chart = renderWorkflowFlowchart(change)!;
    expect(chart.startsWith('flowchart TD\n')).toBe(true);
    expect(chart).toContain('t0 -->|case gold| t1');
    expect(chart).toContain('t0 -->|case silver| t2');
    expect(chart).toContain('t0 --> t3'); // a switch without a default case also continues straight on
    expect(chart).toContain('t3 -->|fork 1| t4');
    expect(chart).toMatch(/t4 --> t6\n[\s\S]*t5 --> t6/);
    expect(chart).toContain('class t2,t3,t4,t5,t6 added');
    expect(chart).toContain('class t1 changed');
    expect(chart).toMatch(/class t7 removed/);
  });

  it('is only drawn for workflow changes with both sides and task changes', () => {
    const created = buildPlan(state(workflowDef({ name: 'w' })), state(), { environment: 'e' }).changes[0]!;
    expect(renderWorkflowFlowchart(created)).toBeUndefined();
    const fieldsOnly = buildPlan(state(workflowDef({ name: 'w', timeoutSeconds: 5 })), state(workflowDef({ name: 'w' })), { environment: 'e' }).changes[0]!;
    expect(fieldsOnly.action).toBe('create');
    expect(renderWorkflowFlowchart(fieldsOnly)).toBeUndefined();
  });
});
