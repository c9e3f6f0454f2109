import { describe, expect, it } from 'vitest';
import { parseTimeArgument } from '../../../../src/app/runtime/time.js';
import { UsageError } from '../../../../src/errors.js';

describe('parseTimeArgument', () => {
  it('reads epoch milliseconds as they are', () => {
    expect(parseTimeArgument('1719792000000', '--x')).toBe(1719792000000);
  });
  it('reads YYYY-MM-DD as midnight UTC', () => {
    expect(parseTimeArgument('2024-07-01', '--x')).toBe(Date.UTC(2024, 6, 1));
  });
  it('reads "YYYY-MM-DD HH:MM:SS" and "YYYY-MM-DD HH:MM" as UTC', () => {
    expect(parseTimeArgument('2024-07-01 13:45:10', '--x')).toBe(Date.UTC(2024, 6, 1, 13, 45, 10));
    expect(parseTimeArgument('2024-07-01 13:45', '--x')).toBe(Date.UTC(2024, 6, 1, 13, 45));
  });
  it('reads RFC 3339 with an offset and MM/DD/YYYY', () => {
    expect(parseTimeArgument('2024-07-01T13:45:10+02:00', '--x')).toBe(Date.UTC(2024, 6, 1, 11, 45, 10));
    expect(parseTimeArgument('07/01/2024', '--x')).toBe(Date.UTC(2024, 6, 1));
  });
  it.each(['yesterday', '2024-02-31', '2024-13-01', '2024-07-01 25:00:00', ''])('refuses %j with a UsageError naming the flag', (text) => {
    expect(() => parseTimeArgument(text, '--start-time-after')).toThrow(UsageError);
    expect(() => parseTimeArgument(text, '--start-time-after')).toThrow(/--start-time-after/);
  });
});
