import { describe, expect, it } from 'vitest';
import { buildSearchSql, SearchQueryError, splitSort } from '../../../../src/devserver/engine/search-query.js';

const table = { columns: new Set(['workflow_id', 'workflow_type', 'status', 'correlation_id', 'start_time', 'update_time', 'end_time']), textColumn: 'json' };

describe('search query → SQL (SQLite index rules)', () => {
  it('J1 the UI query: IN, quoted =, time ranges joined by AND', () => {
    const sql = buildSearchSql(`workflowType IN (a,b) AND workflowId="x" AND status IN (FAILED) AND startTime>100 AND startTime<200`, '*', ['startTime:DESC'], table);
    expect(sql.where).toBe(' WHERE workflow_type IN (?,?) AND workflow_id = ? AND status = ? AND start_time > ? AND start_time < ?');
    expect(sql.params).toEqual(['a', 'b', 'x', 'FAILED', 100, 200]);
    expect(sql.orderBy).toBe(' ORDER BY start_time DESC');
  });
  it('single quotes, spaces around =, wildcards and IN values not trimmed', () => {
    expect(buildSearchSql(`correlationId = 'abc'`, undefined, [], table).params).toEqual(['abc']);
    expect(buildSearchSql(`workflowType=ord*`, undefined, [], table).where).toBe(' WHERE lower(workflow_type) LIKE lower(?)');
    expect(buildSearchSql(`status IN (A, B)`, undefined, [], table).params).toEqual(['A', ' B']);
  });
  it('unknown fields are dropped, bad conditions and >= on times are errors', () => {
    expect(buildSearchSql(`bogusField=1 AND status=RUNNING`, undefined, [], table).where).toBe(' WHERE status = ?');
    expect(() => buildSearchSql(`startTime>=1`, undefined, [], table)).toThrow(SearchQueryError);
    expect(() => buildSearchSql(`???`, undefined, [], table)).toThrow(SearchQueryError);
  });
  it('freeText is a lower-case substring match, * means all; sort keys split on |', () => {
    expect(buildSearchSql(undefined, 'Hello', [], table)).toMatchObject({ where: ' WHERE lower(json) LIKE ?', params: ['%hello%'] });
    expect(buildSearchSql(undefined, '*', [], table).where).toBe('');
    expect(splitSort('startTime:DESC|workflowId:ASC')).toEqual(['startTime:DESC', 'workflowId:ASC']);
    expect(buildSearchSql(undefined, undefined, ['startTime:DESC', 'workflowId:ASC', 'nope:ASC', 'status'], table).orderBy).toBe(' ORDER BY start_time DESC, workflow_id ASC');
  });
});
