import { describe, expect, it } from 'vitest';
import { formatTime, renderExecutionsCsv, renderExecutionsTable } from '../../../src/render/executions-table.js';

const summary = (over: Record<string, unknown> = {}) => ({
  workflowType: 'password_reset',
  version: 1,
  workflowId: '9778394f-2eb4-4905-b3e0-66b6c692a4da',
  status: 'FAILED',
  startTime: '2026-07-01T10:00:00.000Z',
  endTime: '2026-07-01T10:00:05.000Z',
  correlationId: 'user-42',
  ...over,
});

const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));

describe('renderExecutionsTable', () => {
  it('shows every column at natural width on a wide terminal', () => {
    expect(renderExecutionsTable([summary()], { width: 160, color: false })).toBe(
      [
        'WORKFLOW ID                           NAME            VER  STATUS  STARTED              ENDED                CORRELATION ID',
        '9778394f-2eb4-4905-b3e0-66b6c692a4da  password_reset    1  FAILED  2026-07-01 10:00:00  2026-07-01 10:00:05  user-42',
        '',
      ].join('\n'),
    );
  });

  it.each([120, 100, 80, 60])('fits %i columns and never cuts the workflow id', (width) => {
    const text = renderExecutionsTable([summary({ workflowType: 'a_really_long_workflow_name_for_testing', correlationId: 'correlation-with-a-long-value' })], { width, color: false });
    expect(widest(text)).toBeLessThanOrEqual(width);
    expect(text).toContain('9778394f-2eb4-4905-b3e0-66b6c692a4da');
    expect(text).toContain('FAILED');
  });

  it('drops optional columns in order on narrow terminals: ENDED before STARTED', () => {
    const text = renderExecutionsTable([summary()], { width: 80, color: false });
    expect(text).not.toContain('ENDED');
    expect(text).toContain('STATUS');
  });

  it('drops an empty ENDED column of running executions before cutting names', () => {
    const text = renderExecutionsTable([summary({ status: 'RUNNING', endTime: undefined })], { width: 105, color: false });
    expect(text).not.toContain('ENDED');
    expect(text).toContain('password_reset');
  });

  it('colours statuses only when colour is on', () => {
    expect(renderExecutionsTable([summary()], { width: 160, color: false })).not.toContain('\u001b[');
    expect(renderExecutionsTable([summary()], { width: 160, color: true })).toContain('\u001b[31mFAILED');
  });

  it('says so when nothing was found', () => {
    expect(renderExecutionsTable([], { width: 80, color: false })).toBe('no executions found\n');
  });
});

describe('formatTime', () => {
  it('formats ISO strings and epoch ms as UTC, and leaves 0 or absent empty', () => {
    expect(formatTime('2026-07-01T10:00:00.000Z')).toBe('2026-07-01 10:00:00');
    expect(formatTime(Date.UTC(2026, 6, 1, 10))).toBe('2026-07-01 10:00:00');
    expect(formatTime(0)).toBe('');
    expect(formatTime(undefined)).toBe('');
  });
});

describe('renderExecutionsCsv', () => {
  it("uses the official CLI's columns and quotes where needed", () => {
    expect(renderExecutionsCsv([summary({ workflowType: 'a,b' })])).toBe(
      'START TIME,WORKFLOW ID,WORKFLOW NAME,END TIME,STATUS\n2026-07-01 10:00:00,9778394f-2eb4-4905-b3e0-66b6c692a4da,"a,b",2026-07-01 10:00:05,FAILED\n',
    );
  });
});
