import { describe, expect, it } from 'vitest';
import { MANAGED_MARKER, buildPlan } from '../../../src/core/plan.js';
import { renderPlanText } from '../../../src/render/plan-text.js';
import { simpleTask, state, taskDef, withBody, workflowDef } from '../../helpers/builders.js';

const managed = { metadata: { [MANAGED_MARKER]: true } };

describe('renderPlanText', () => {
  it('says so when nothing changes', () => {
    const s = state(taskDef({ name: 'a' }));
    expect(renderPlanText(buildPlan(s, s, { environment: 'e' }), { color: false, width: 80 })).toBe('No changes. The server matches the repo.\n');
  });

  it('renders the header, task summary, impact, diff and the exact summary line', () => {
    const server = withBody(workflowDef({ name: 'password_reset', tasks: [simpleTask('token_ref'), simpleTask('legacy_ref')] }), managed);
    const repo = workflowDef({ name: 'password_reset', tasks: [simpleTask('token_ref'), simpleTask('rate_limit_ref')] });
    const plan = buildPlan(state(repo, taskDef({ name: 't' })), state(server), {
      environment: 'e',
      executionCounts: new Map([['password_reset@1', { RUNNING: 2, PAUSED: 1 }]]),
    });
    const text = renderPlanText(plan, { color: false, width: 40 });
    expect(text).toContain('+ create workflowDef/password_reset@2 (content changed, bumped from 1)\n');
    expect(text).toContain('      inserted `rate_limit_ref` after `token_ref`\n      removed `legacy_ref`\n');
    expect(text).toContain('    executions: 2 running, 1 paused on @1 (they keep version 1)\n');
    expect(text).toContain('    -  - name: legacy_ref\n');
    expect(text).toContain(`${'─'.repeat(40)}\n`);
    expect(text.endsWith('Plan: 2 to create, 0 to update, 0 to delete.\n')).toBe(true);
  });

  it('lists creates one line each when there are more than compactCreatesOver, and keeps updates whole', () => {
    const plan = buildPlan(state(taskDef({ name: 'a', retryCount: 1 }), taskDef({ name: 'b' }), taskDef({ name: 'c' })), state(taskDef({ name: 'a' })), { environment: 'e' });
    const rule = '─'.repeat(20);
    const full = renderPlanText(plan, { color: false, width: 20 });
    expect(renderPlanText(plan, { color: false, width: 20, compactCreatesOver: 2 })).toBe(full);
    const compact = renderPlanText(plan, { color: false, width: 20, compactCreatesOver: 1 });
    expect(compact).toContain('    +retryCount: 1\n'); // the update keeps its diff
    expect(compact).toContain(`\n${rule}\n+ create taskDef/b (new)\n+ create taskDef/c (new)\n${rule}\n(2 creates listed without their definitions; \`conductor plan\` shows them in full)\nPlan: 2 to create, 1 to update, 0 to delete.\n`);
    expect(compact).not.toContain('+name: b');
  });

  it('colours only when asked', () => {
    const plan = buildPlan(state(taskDef({ name: 'a', retryCount: 1 })), state(taskDef({ name: 'a' })), { environment: 'e' });
    expect(renderPlanText(plan, { color: false, width: 80 })).not.toContain('\u001b[');
    const coloured = renderPlanText(plan, { color: true, width: 80 });
    expect(coloured).toContain('\u001b[31m-retryCount: 3\u001b[39m');
    expect(coloured).toContain('\u001b[32m+retryCount: 1\u001b[39m');
  });

  it('with errors and no changes, does not claim the server matches', () => {
    const plan = buildPlan(state(), state(taskDef({ name: 'a' })), { environment: 'e', prune: true });
    expect(renderPlanText(plan, { color: false, width: 80 })).toBe('Plan has 1 error (PRUNE_EMPTY_DESIRED); nothing can be applied until it is fixed.\n');
  });
});
