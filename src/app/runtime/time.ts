/**
 * Time arguments of `workflow search` (`--start-time-after/--start-time-before`), read as
 * the official CLI reads them: epoch milliseconds, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]`,
 * RFC 3339, or `MM/DD/YYYY`; wall-clock forms are UTC.
 */
import { UsageError } from '../../errors.js';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** Epoch ms for `text`; throws UsageError naming `flag` when it is none of the accepted forms. */
export function parseTimeArgument(text: string, flag: string): number {
  const value = text.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const ms = parseWallClock(value);
  if (ms === undefined || Number.isNaN(ms)) {
    throw new UsageError(`${flag} "${text}" is not a time: use YYYY-MM-DD, "YYYY-MM-DD HH:MM:SS" (UTC) or epoch milliseconds`, { code: 'TIME_INVALID' });
  }
  return ms;
}

function parseWallClock(value: string): number | undefined {
  const m = DATE_TIME.exec(value);
  if (m) {
    const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((part) => part ?? '0');
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    const check = new Date(ms);
    // Date.UTC rolls 2024-02-31 over into March; refuse it instead.
    if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) return undefined;
    return Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 ? undefined : ms;
  }
  const us = US_DATE.exec(value);
  if (us) return parseWallClock(`${us[3]}-${us[1]}-${us[2]}`);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value)) return Date.parse(value);
  return undefined;
}
