import { describe, expect, it } from 'vitest';
import { checkGlob, matchGlob } from '../../../src/core/environment-glob.js';

describe('matchGlob', () => {
  it.each([
    ['*', 'charge_card', true],
    ['order_*', 'order_flow', true],
    ['order_*', 'reorder_flow', false],
    ['order_?', 'order_1', true],
    ['order_?', 'order_12', false],
    ['definitions/*.yaml', 'definitions/a.yaml', true],
    ['definitions/*.yaml', 'definitions/sub/a.yaml', false],
    ['definitions/**', 'definitions/sub/deeper/a.yaml', true],
    ['definitions/**/*.yaml', 'definitions/a.yaml', true],
    ['definitions/**/*.yaml', 'definitions/x/y/a.yaml', true],
    ['definitions/**/*.yaml', 'other/a.yaml', false],
    ['**/experimental/**', 'definitions/experimental/a.yaml', true],
    ['{order,payment}_*', 'payment_refund', true],
    ['{order,payment}_*', 'shipping_label', false],
    ['task_[0-9]', 'task_7', true],
    ['task_[!0-9]', 'task_7', false],
    ['task_[!0-9]', 'task_x', true],
    ['a.b', 'aXb', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['(x)+', '(x)+', true],
  ])('%s vs %s → %s', (pattern, subject, expected) => {
    expect(matchGlob(pattern, subject)).toBe(expected);
  });

  it('reports malformed patterns', () => {
    expect(checkGlob('a[bc')).toMatch(/unclosed "\["/);
    expect(checkGlob('{a,b')).toMatch(/unclosed "\{"/);
    expect(checkGlob('a**')).toMatch(/whole path segment/);
    expect(checkGlob('a\\')).toMatch(/escape/);
    expect(checkGlob('')).toMatch(/empty/);
    expect(checkGlob('definitions/**/*.yaml')).toBeUndefined();
  });
});
