/*
 * The `date` format of the schemas (YYYY-MM-DD naming a real day), used by
 * the built-in validators, team schemas and the messages that explain a bad
 * date.
 */

/** `YYYY-MM-DD` naming a real calendar day. */
export function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && impossibleDate(text) === undefined;
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Why a text written YYYY-MM-DD names no day of the calendar ("September has
 * 30 days"); undefined when it does, or when it is not written YYYY-MM-DD.
 */
export function impossibleDate(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]),
    month = Number(m[2]),
    day = Number(m[3]);
  if (month < 1 || month > 12) return `there is no month ${month}`;
  if (day < 1) return 'there is no day 0';
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day <= days) return undefined;
  if (month === 2 && day === 29) return `${year} is not a leap year, so February has 28 days`;
  return `${monthNames[month - 1]} has ${days} days`;
}
