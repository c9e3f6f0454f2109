/**
 * The search query language of Conductor's SQLite index (sqlite-persistence/.../util/
 * SqliteIndexQueryBuilder.java; conductor-api.md §5), turned into a parameterised SQL
 * WHERE / ORDER BY for our own tables:
 * - the query is split on the literal " AND "; each condition matches
 *   `([a-zA-Z]+)\s?(=|>|<|IN)\s?(.*)` (found, not anchored, so `a>=1` reads `>` then `=1`);
 * - quotes and parentheses are stripped from the value; IN splits on `,` without trimming; a
 *   one-value IN is `=`; `*` in an `=` value is a case-insensitive LIKE;
 * - camelCase fields are snake_cased; a field outside the table's columns is dropped silently;
 * - `*Time` values are epoch ms (a non-number is an error, 500 like the real server);
 * - freeText other than `*` is a case-insensitive substring match on the stored JSON;
 * - sort keys `field:ASC|DESC` on allowed columns; others are ignored.
 * Pure: returns SQL text and parameters, the store runs them.
 */

export class SearchQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchQueryError';
  }
}

export interface SearchTable {
  /** Allowed snake_case columns. */
  columns: ReadonlySet<string>;
  /** Column (or expression) that freeText is matched against. */
  textColumn: string;
}

export interface SearchSql {
  where: string;
  params: Array<string | number>;
  orderBy: string;
}

const CONDITION = /([a-zA-Z]+)\s?(=|>|<|IN)\s?(.*)/s;

export function camelToSnake(name: string): string {
  return name.replace(/\B([A-Z])/g, '_$1').toLowerCase();
}

function buildCondition(text: string, table: SearchTable): { sql: string; params: Array<string | number> } | undefined {
  const match = CONDITION.exec(text);
  if (!match) throw new SearchQueryError(`Incorrectly formatted query string: ${text}`);
  const column = camelToSnake(match[1] as string);
  const values = (match[3] as string).replace(/["'()]/g, '').split(',');
  const op = match[2] === 'IN' && values.length === 1 ? '=' : (match[2] as string);
  if (column.endsWith('_time')) values[0] = String(parseMillis(values[0] as string));
  if (!table.columns.has(column)) return undefined;
  if (op === 'IN') return { sql: `${column} IN (${values.map(() => '?').join(',')})`, params: values };
  const value = values[0] as string;
  if (column.endsWith('_time')) return { sql: `${column} ${op} ?`, params: [Number(value)] };
  if (op === '=' && value.includes('*')) return { sql: `lower(${column}) LIKE lower(?)`, params: [value.replaceAll('*', '%')] };
  return { sql: `${column} ${op} ?`, params: [value] };
}

function parseMillis(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new SearchQueryError(`For input string: "${value}"`);
  return Number(value.trim());
}

/** Splits a sort parameter as Utils.convertStringToList does (`|`-separated keys). */
export function splitSort(sort: string | null | undefined): string[] {
  if (!sort) return [];
  return sort.split('|').filter((s) => s !== '');
}

export function buildSearchSql(query: string | null | undefined, freeText: string | null | undefined, sort: readonly string[], table: SearchTable): SearchSql {
  const clauses: string[] = [];
  const params: Array<string | number> = [];
  if (query && query.trim() !== '') {
    for (const part of query.split(' AND ')) {
      const condition = buildCondition(part, table);
      if (!condition) continue;
      clauses.push(condition.sql);
      params.push(...condition.params);
    }
  }
  if (freeText && freeText !== '*') {
    clauses.push(`lower(${table.textColumn}) LIKE ?`);
    params.push(`%${freeText.toLowerCase()}%`);
  }
  const order: string[] = [];
  for (const key of sort) {
    const parts = key.split(':');
    if (parts.length !== 2) continue;
    const column = camelToSnake(parts[0] as string);
    const dir = (parts[1] as string).toUpperCase();
    if (table.columns.has(column) && (dir === 'ASC' || dir === 'DESC')) order.push(`${column} ${dir}`);
  }
  return {
    where: clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '',
    params,
    orderBy: order.length > 0 ? ` ORDER BY ${order.join(', ')}` : '',
  };
}
