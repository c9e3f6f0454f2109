import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/core/normalize.js';
import { compactDefinition } from '../../../src/core/normalize-compact.js';
import { doWhileTask, simpleTask, task } from '../../helpers/builders.js';

describe('compactDefinition (display form)', () => {
  it('leaves out default-valued fields at any depth, keeping name, version and task type', () => {
    const body = normalize('workflowDef', { name: 'w', tasks: [doWhileTask('loop', [simpleTask('a', 'a', { taskDefinition: { name: 'a', retryCount: 1 } })])] });
    expect(compactDefinition('workflowDef', body)).toEqual({
      name: 'w',
      version: 1,
      tasks: [
        {
          name: 'loop',
          taskReferenceName: 'loop',
          type: 'DO_WHILE',
          loopCondition: 'if ($.iteration < 3) { true; } else { false; }',
          loopOver: [{ name: 'a', taskReferenceName: 'a', type: 'SIMPLE', taskDefinition: { name: 'a', retryCount: 1 } }],
        },
      ],
    });
  });

  it('keeps a scalar default when the other side changed it, so the diff shows old and new', () => {
    const before = normalize('taskDef', { name: 't' });
    const after = normalize('taskDef', { name: 't', retryCount: 5, inputKeys: ['x'] });
    expect(compactDefinition('taskDef', before, after)).toEqual({ name: 't', retryCount: 3 });
    expect(compactDefinition('taskDef', after, before)).toEqual({ name: 't', retryCount: 5, inputKeys: ['x'] });
  });

  it('matches tasks by ref for that, at any depth', () => {
    const before = normalize('workflowDef', { name: 'w', tasks: [task('FORK_JOIN', 'f', { forkTasks: [[simpleTask('a')]] })] });
    const after = normalize('workflowDef', { name: 'w', tasks: [task('FORK_JOIN', 'f', { forkTasks: [[simpleTask('a', 'a', { optional: true })]] })] });
    const compact = compactDefinition('workflowDef', before, after) as { tasks: { forkTasks: Record<string, unknown>[][] }[] };
    expect(compact.tasks[0]!.forkTasks[0]![0]).toEqual({ name: 'a', taskReferenceName: 'a', type: 'SIMPLE', optional: false });
  });

  it('does not mutate its input', () => {
    const body = normalize('taskDef', { name: 't' });
    const copy = JSON.stringify(body);
    compactDefinition('taskDef', body);
    expect(JSON.stringify(body)).toBe(copy);
  });
});
