/** render/diagnostics-text.ts: the human view of validate's findings (golden files cover a whole repo). */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/core/diagnostics.js';
import { renderDiagnostics, renderValidationSummary } from '../../../src/render/diagnostics-text.js';

const d = (fields: Partial<Diagnostic>): Diagnostic => ({ severity: 'error', code: 'X', message: 'm', ...fields });

describe('renderDiagnostics', () => {
  it('groups by file, sorts by position, aligns the positions and shows the pointer below', () => {
    const text = renderDiagnostics(
      [
        d({ file: 'b.yaml', line: 12, column: 7, code: 'REF_UNKNOWN', message: 'late', pointer: '/tasks/3' }),
        d({ file: 'b.yaml', line: 2, column: 1, severity: 'warning', code: 'W', message: 'early', pointer: '' }),
        d({ file: 'a.json', line: 1, code: 'DEF_SYNTAX', message: 'broken' }),
        d({ code: 'PATH_NOT_FOUND', message: 'no file' }),
      ],
      { color: false },
    );
    expect(text).toBe(
      [
        '  error    no file [PATH_NOT_FOUND]',
        '',
        'a.json',
        '  1:1  error    broken [DEF_SYNTAX]',
        '',
        'b.yaml',
        '  2:1   warning  early [W]',
        '  12:7  error    late [REF_UNKNOWN]',
        '                 at /tasks/3',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for no diagnostics and colours only when asked', () => {
    expect(renderDiagnostics([], { color: true })).toBe('');
    expect(renderDiagnostics([d({ file: 'a', line: 1 })], { color: true })).toContain('\u001b[31merror  \u001b[39m');
  });
});

describe('renderValidationSummary', () => {
  it.each([
    [{ files: 5, definitions: 7, errors: 0, warnings: 0 }, '✔ 7 definitions in 5 files: no problems\n'],
    [{ files: 1, definitions: 1, errors: 2, warnings: 1 }, '✖ 2 errors, 1 warning in 1 definition (1 file)\n'],
    [{ files: 2, definitions: 3, errors: 0, warnings: 2 }, '⚠ 2 warnings in 3 definitions (2 files)\n'],
  ])('%j', (summary, expected) => {
    expect(renderValidationSummary(summary, { color: false })).toBe(expected);
  });
});
