/**
 * HTTP-date parsing, RFC 9110 §5.6.7: senders use IMF-fixdate, but recipients MUST also accept the obsolete
 * RFC 850 and asctime forms. Written out rather than `Date.parse`, which reads asctime as local time and accepts
 * almost anything ("5" is a year).
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const TIME = '(?<hour>\\d{2}):(?<minute>\\d{2}):(?<second>\\d{2})';

const FORMATS = [
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  new RegExp(`^[a-z]{3}, (?<day>\\d{2}) (?<month>[a-z]{3}) (?<year>\\d{4}) ${TIME} GMT$`, 'i'),
  // rfc850-date: Sunday, 06-Nov-94 08:49:37 GMT
  new RegExp(`^[a-z]{6,9}, (?<day>\\d{2})-(?<month>[a-z]{3})-(?<year>\\d{2}) ${TIME} GMT$`, 'i'),
  // asctime-date: Sun Nov  6 08:49:37 1994 (UTC, though no zone is written)
  new RegExp(`^[a-z]{3} (?<month>[a-z]{3}) (?<day>[ \\d]\\d) ${TIME} (?<year>\\d{4})$`, 'i'),
];

/** Parses an HTTP-date in any of its three forms; null when it is none of them or names an impossible time. */
export function parseHttpDate(value: string, now: Date): Date | null {
  for (const format of FORMATS) {
    const groups = format.exec(value)?.groups;
    if (groups) return fromParts(groups, now);
  }
  return null;
}

function fromParts(groups: Record<string, string | undefined>, now: Date): Date | null {
  const month = MONTHS.indexOf((groups.month ?? '').toLowerCase());
  const yearText = groups.year ?? '';
  const [day, hour, minute, second] = [groups.day, groups.hour, groups.minute, groups.second].map(Number);
  if (month < 0 || day === undefined || hour === undefined || minute === undefined || second === undefined) {
    return null;
  }
  const year = yearText.length === 2 ? fullYear(Number(yearText), now) : Number(yearText);
  // Second 60 is a leap second (RFC 5322 §3.3); Date folds it into the next minute, close enough for a delay.
  if (hour > 23 || minute > 59 || second > 60) return null;
  // Date.UTC rolls "30 Feb" over into March; refuse it instead.
  if (new Date(Date.UTC(year, month, day)).getUTCDate() !== day) return null;
  return new Date(Date.UTC(year, month, day, hour, minute, second));
}

// RFC 9110 §5.6.7: a two-digit year more than 50 years ahead means the most recent past year with those digits.
function fullYear(twoDigits: number, now: Date): number {
  const thisYear = now.getUTCFullYear();
  const year = thisYear - (thisYear % 100) + twoDigits;
  return year > thisYear + 50 ? year - 100 : year;
}
