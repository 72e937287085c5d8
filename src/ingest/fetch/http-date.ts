/**
 * HTTP-date parsing, RFC 9110 §5.6.7: senders use IMF-fixdate, but recipients MUST also accept the obsolete
 * RFC 850 and asctime forms. Written out rather than `Date.parse`, which reads asctime as local time and accepts
 * almost anything ("5" is a year).
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Sun, 06 Nov 1994 08:49:37 GMT
const IMF_FIXDATE = /^[a-z]{3}, (\d{2}) ([a-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/i;
// Sunday, 06-Nov-94 08:49:37 GMT
const RFC850_DATE = /^[a-z]{6,9}, (\d{2})-([a-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/i;
// Sun Nov  6 08:49:37 1994 (always UTC, no zone written)
const ASCTIME_DATE = /^[a-z]{3} ([a-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/i;

/** Parses an HTTP-date in any of its three forms; null when it is none of them or names an impossible time. */
export function parseHttpDate(value: string, now: Date): Date | null {
  let m = IMF_FIXDATE.exec(value);
  if (m) return build(Number(m[3]), group(m, 2), Number(m[1]), m);
  m = RFC850_DATE.exec(value);
  if (m) return build(fullYear(Number(m[3]), now), group(m, 2), Number(m[1]), m);
  m = ASCTIME_DATE.exec(value);
  if (m) return build(Number(m[6]), group(m, 1), Number(m[2]), m);
  return null;
}

// RFC 9110 §5.6.7: a two-digit year more than 50 years ahead means the most recent past year with those digits.
function fullYear(twoDigits: number, now: Date): number {
  const thisYear = now.getUTCFullYear();
  const year = thisYear - (thisYear % 100) + twoDigits;
  return year > thisYear + 50 ? year - 100 : year;
}

function group(match: RegExpExecArray, index: number): string {
  return match[index] ?? '';
}

// Every form writes the time as HH:MM:SS; `timeAt` is where the three groups start in its match.
function build(year: number, monthName: string, day: number, match: RegExpExecArray): Date | null {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  const timeMatch = /(\d{2}):(\d{2}):(\d{2})/.exec(match[0]);
  if (month < 0 || timeMatch === null) return null;
  const [hour, minute, second] = [1, 2, 3].map((i) => Number(group(timeMatch, i)));
  if (hour === undefined || minute === undefined || second === undefined) return null;
  // Second 60 is a leap second (RFC 5322 §3.3); Date folds it into the next minute, which is close enough.
  if (hour > 23 || minute > 59 || second > 60) return null;
  // Date.UTC rolls "30 Feb" over into March; refuse it instead.
  if (new Date(Date.UTC(year, month, day)).getUTCDate() !== day) return null;
  return new Date(Date.UTC(year, month, day, hour, minute, second));
}
