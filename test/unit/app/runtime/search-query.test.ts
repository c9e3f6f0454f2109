import { describe, expect, it } from 'vitest';
import { buildSearchQuery, normalizeStatuses } from '../../../../src/app/runtime/search-query.js';

describe('buildSearchQuery (the official CLI format)', () => {
  it('joins conditions with " AND ", IN lists without spaces, no spaces around > and <', () => {
    expect(
      buildSearchQuery({ workflowNames: ['password_reset'], statuses: ['FAILED', 'running'], startTimeAfter: 1000, startTimeBefore: 2000 }),
    ).toBe('workflowType IN (password_reset) AND status IN (FAILED,RUNNING) AND startTime>1000 AND startTime<2000');
  });
  it('adds the correlation id as a quoted equality', () => {
    expect(buildSearchQuery({ correlationId: 'user-42' })).toBe("correlationId='user-42'");
  });
  it('is empty without filters', () => {
    expect(buildSearchQuery({})).toBe('');
  });
  it('carries several workflow names in one IN list', () => {
    expect(buildSearchQuery({ workflowNames: ['a', 'b'] })).toBe('workflowType IN (a,b)');
  });
  it('refuses names the grammar cannot carry', () => {
    expect(() => buildSearchQuery({ workflowNames: ['a b'] })).toThrow(/cannot be searched/);
  });
});

describe('normalizeStatuses', () => {
  it('splits commas, upper-cases and removes duplicates', () => {
    expect(normalizeStatuses(['failed,RUNNING', 'Failed'])).toEqual(['FAILED', 'RUNNING']);
  });
  it('refuses an unknown status', () => {
    expect(() => normalizeStatuses(['DONE'])).toThrow(/unknown status "DONE"/);
  });
});
