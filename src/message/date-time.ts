// A strict parser for the RFC 5322 section 3.3 `date-time`, with the obsolete forms of section 4.3
// that a receiver must still read, reporting where parsing failed and what was expected there.
//
// Hand-written on purpose: Date.parse accepts nearly anything (and rejects some valid forms), and
// no npm package parses RFC 5322 date-time strictly, with CFWS, obsolete syntax and positions.
//
// The value given is a header field's unfolded value: line breaks of folding are gone, the white
// space that followed them remains, so FWS is just runs of SP / HTAB here.

import { readCfws, type CfwsRun } from './cfws.js';
import { DAY_NAMES, MONTH_NAMES } from './date-format.js';

export type ObsoleteDateFeature =
  /** obs-year with two digits (RFC 5322 4.3: 00–49 → 20xx, 50–99 → 19xx). */
  | 'two-digit-year'
  /** obs-year with three digits (read as 1900 + the number). */
  | 'three-digit-year'
  /** UT, GMT and the North American zones EST … PDT. */
  | 'alphabetic-zone'
  /** A single letter (A–I, K–Z): RFC 822 defined them with the wrong sign, RFC 5322 reads them as -0000. */
  | 'military-zone'
  /** Comments or white space where section 3.3 has none (inside the time, before the comma, …). */
  | 'comment-or-space';

export interface ObsoleteDateUse {
  feature: ObsoleteDateFeature;
  /** Index in the value where the obsolete construct starts. */
  index: number;
  /** What was written, or a description for a missing space. */
  text: string;
}

export interface DateTime {
  /** The year as interpreted (a two-digit 97 is 1997). */
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday, when a day name was written. */
  weekday?: number;
  hour: number;
  minute: number;
  second?: number;
  /** Offset from UTC in minutes, east positive; -0000, military and unknown zones are 0. */
  zoneOffsetMinutes: number;
  /** The zone as written: "+0100", "GMT", "z". */
  zone: string;
  /**
   * The zone says nothing about local time: "-0000" (RFC 5322 3.3) or a military letter (read as
   * -0000 by RFC 5322 4.3). The instant is still right when the time was written in UTC.
   */
  zoneUnknown: boolean;
  obsolete: ObsoleteDateUse[];
  instant: Date;
}

export interface DateTimeError {
  /** Index in the value where parsing failed or the impossible value starts. */
  index: number;
  /** 'syntax': not the RFC 5322 grammar; 'impossible': grammatical but not a real moment. */
  kind: 'syntax' | 'impossible';
  /** What is wrong, in words a person can act on. */
  message: string;
}

export type DateTimeResult = { ok: true; value: DateTime } | { ok: false; error: DateTimeError };

/** RFC 5322 4.3 obs-zone, upper-cased, with its offset in minutes. */
const NAMED_ZONES: Readonly<Record<string, number>> = {
  UT: 0,
  GMT: 0,
  EDT: -4 * 60,
  EST: -5 * 60,
  CDT: -5 * 60,
  CST: -6 * 60,
  MDT: -6 * 60,
  MST: -7 * 60,
  PDT: -7 * 60,
  PST: -8 * 60,
};

const FULL_DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const isDigit = (character: string | undefined): boolean => character !== undefined && character >= '0' && character <= '9';
const isLetter = (character: string | undefined): boolean =>
  character !== undefined && ((character >= 'A' && character <= 'Z') || (character >= 'a' && character <= 'z'));

class DateTimeSyntaxError extends Error {
  constructor(
    readonly index: number,
    readonly kind: DateTimeError['kind'],
    message: string,
  ) {
    super(message);
  }
}

function describeAt(text: string, index: number): string {
  if (index >= text.length) return 'the end of the value';
  const rest = text.slice(index, index + 12);
  return `"${rest}${text.length - index > 12 ? '…' : ''}"`;
}

class Cursor {
  index = 0;
  readonly obsolete: ObsoleteDateUse[] = [];

  constructor(readonly text: string) {}

  peek(): string | undefined {
    return this.text[this.index];
  }

  fail(expected: string, at = this.index): never {
    throw new DateTimeSyntaxError(at, 'syntax', `expected ${expected}, found ${describeAt(this.text, at)}`);
  }

  failWith(message: string, at = this.index): never {
    throw new DateTimeSyntaxError(at, 'syntax', message);
  }

  /** CFWS: white space and comments (nested, with quoted-pairs), in any order. */
  skipCfws(): CfwsRun {
    const run = readCfws(this.text, this.index);
    if (run.bareLineBreakOrNulIndex !== -1) {
      throw new DateTimeSyntaxError(run.bareLineBreakOrNulIndex, 'syntax', 'a comment may not contain NUL, CR or LF');
    }
    if (run.unclosed) throw new DateTimeSyntaxError(run.unclosed.start, 'syntax', 'comment "(" is never closed with ")"');
    this.index = run.end;
    return run;
  }

  readDigits(): string {
    const start = this.index;
    while (isDigit(this.peek())) this.index += 1;
    return this.text.slice(start, this.index);
  }

  readLetters(): string {
    const start = this.index;
    while (isLetter(this.peek())) this.index += 1;
    return this.text.slice(start, this.index);
  }

  noteObsolete(feature: ObsoleteDateFeature, index: number, text: string): void {
    this.obsolete.push({ feature, index, text });
  }

  /** Marks a CFWS run obsolete when it holds what the current syntax does not allow there. */
  obsoleteIf(cfws: CfwsRun, allowWhiteSpace: boolean, where: string): void {
    if (cfws.comment || (!allowWhiteSpace && cfws.whiteSpace)) {
      this.noteObsolete('comment-or-space', cfws.start, `${cfws.comment ? 'comment' : 'white space'} ${where}`);
    }
  }
}

function lookUp(names: readonly string[], word: string): number {
  const upper = word.toUpperCase();
  return names.findIndex((name) => name.toUpperCase() === upper);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

interface Token {
  value: number;
  index: number;
  text: string;
}

function twoDigits(cursor: Cursor, what: string): Token {
  const index = cursor.index;
  const digits = cursor.readDigits();
  if (digits.length !== 2) cursor.fail(`a 2-digit ${what}`, index);
  return { value: Number(digits), index, text: digits };
}

/** Parses an RFC 5322 date-time (section 3.3, with the obsolete forms of section 4.3). */
export function parseDateTime(text: string): DateTimeResult {
  try {
    return { ok: true, value: parseOrThrow(text) };
  } catch (error) {
    if (error instanceof DateTimeSyntaxError) {
      return { ok: false, error: { index: error.index, kind: error.kind, message: error.message } };
    }
    throw error;
  }
}

// date-time = [ day-of-week "," ] date time [CFWS]; one function per production below, in the order
// they are read. Each leaves the cursor after the CFWS that follows it.
function parseOrThrow(text: string): DateTime {
  const cursor: Cursor = new Cursor(text); // typed, so calls of its `never` methods narrow
  const weekday = readDayOfWeek(cursor);
  const day = readDay(cursor);
  const month = readMonth(cursor);
  const year = readYear(cursor);
  const time = readTimeOfDay(cursor);
  const zone = readZone(cursor, time.followedBy);
  readEnd(cursor);
  const instant = checkMoment({ weekday, day, month, year, time, zone });
  const result: DateTime = {
    year: year.value,
    month: month.value,
    day: day.value,
    hour: time.hour.value,
    minute: time.minute.value,
    zoneOffsetMinutes: zone.zoneOffsetMinutes,
    zone: zone.zone,
    zoneUnknown: zone.zoneUnknown,
    obsolete: cursor.obsolete.sort((left, right) => left.index - right.index),
    instant,
  };
  if (weekday) result.weekday = weekday.value;
  if (time.second) result.second = time.second.value;
  return result;
}

/**
 * [CFWS] [ day-of-week "," ]: the current syntax allows only FWS before the day name and nothing
 * between it and the comma; obs-day-of-week allows CFWS around it.
 */
function readDayOfWeek(cursor: Cursor): Token | undefined {
  const leading = cursor.skipCfws();
  if (cursor.index >= cursor.text.length) cursor.fail('a date such as "Tue, 24 Nov 2026 10:00:00 +0000"');
  if (!isLetter(cursor.peek())) {
    cursor.obsoleteIf(leading, true, 'before the date');
    return undefined;
  }
  const index = cursor.index;
  const word = cursor.readLetters();
  const day = lookUp(DAY_NAMES, word);
  if (day === -1) failDayName(cursor, word, index);
  cursor.obsoleteIf(leading, true, 'before the day name');
  const beforeComma = cursor.skipCfws();
  cursor.obsoleteIf(beforeComma, false, 'before the comma');
  if (cursor.peek() !== ',') cursor.fail(`"," after the day name "${word}"`);
  cursor.index += 1;
  const afterComma = cursor.skipCfws();
  cursor.obsoleteIf(afterComma, true, 'after the comma');
  return { value: day, index, text: word };
}

/** A word where the day name goes: say what it looks like (a month first, a long day name). */
function failDayName(cursor: Cursor, word: string, index: number): never {
  if (lookUp(MONTH_NAMES, word) !== -1) {
    cursor.failWith(`the day of the month must come before the month name ("24 Nov 2026"), found "${word}" first`, index);
  }
  const abbreviated = lookUp(DAY_NAMES, word.slice(0, 3));
  if (abbreviated !== -1) cursor.failWith(`day names are three letters: write "${DAY_NAMES[abbreviated]}", not "${word}"`, index);
  cursor.fail('a day name (Mon, Tue, Wed, Thu, Fri, Sat, Sun) or the day of the month', index);
}

/** day = ([FWS] 1*2DIGIT FWS) / obs-day; obs-day = [CFWS] 1*2DIGIT [CFWS]. */
function readDay(cursor: Cursor): Token {
  const index = cursor.index;
  const digits = cursor.readDigits();
  if (digits.length === 0) cursor.fail('the day of the month (1 or 2 digits)');
  if (digits.length === 4 && cursor.peek() === '-') {
    cursor.failWith('this is an ISO 8601 timestamp, which mail does not use', index);
  }
  if (digits.length > 2) cursor.fail('a day of the month of 1 or 2 digits', index);
  const after = cursor.skipCfws();
  if (!after.whiteSpace && !after.comment) {
    if (!isLetter(cursor.peek())) cursor.fail('white space and a month name after the day');
    cursor.noteObsolete('comment-or-space', after.start, 'no space between day and month');
  } else {
    cursor.obsoleteIf(after, true, 'after the day');
  }
  return { value: Number(digits), index, text: digits };
}

/** month = "Jan" / "Feb" / … / "Dec" (case-insensitive); value 1–12. */
function readMonth(cursor: Cursor): Token {
  const index = cursor.index;
  const word = cursor.readLetters();
  const month = lookUp(MONTH_NAMES, word) + 1;
  if (month === 0) {
    const abbreviated = lookUp(MONTH_NAMES, word.slice(0, 3));
    if (word.length > 3 && abbreviated !== -1) {
      cursor.failWith(`month names are three letters: write "${MONTH_NAMES[abbreviated]}", not "${word}"`, index);
    }
    cursor.fail('a month name (Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec)', index);
  }
  return { value: month, index, text: word };
}

/** year = (FWS 4*DIGIT FWS) / obs-year; obs-year = [CFWS] 2*DIGIT [CFWS]. The value is the year as interpreted. */
function readYear(cursor: Cursor): Token {
  const before = cursor.skipCfws();
  const index = cursor.index;
  const digits = cursor.readDigits();
  if (digits.length === 0) cursor.fail('white space and a 4-digit year after the month');
  if (digits.length === 1) cursor.fail('a year of 4 digits', index);
  if (cursor.peek() === ':') {
    // "Nov 202610:00": the hour ran into the year; "Nov 10:00": the year is missing.
    if (digits.length >= 6) cursor.failWith('expected white space between the year and the time', cursor.index - 2);
    cursor.fail('a 4-digit year before the time', index);
  }
  let year = Number(digits);
  if (digits.length === 2) {
    year += year < 50 ? 2000 : 1900;
    cursor.noteObsolete('two-digit-year', index, digits);
  } else if (digits.length === 3) {
    year += 1900;
    cursor.noteObsolete('three-digit-year', index, digits);
  }
  if (!before.whiteSpace && !before.comment) {
    cursor.noteObsolete('comment-or-space', before.start, 'no space between month and year');
  } else {
    cursor.obsoleteIf(before, true, 'before the year');
  }
  const after = cursor.skipCfws();
  if (!after.whiteSpace && !after.comment) cursor.fail('white space and the time (hh:mm) after the year');
  cursor.obsoleteIf(after, true, 'after the year');
  return { value: year, index, text: digits };
}

interface TimeOfDay {
  hour: Token;
  minute: Token;
  second?: Token;
  /** The CFWS after the time (obs-minute / obs-second end in it): the zone's FWS is part of it. */
  followedBy: CfwsRun;
}

/** time-of-day = hour ":" minute [ ":" second ]; obs-hour/minute/second allow CFWS around the digits. */
function readTimeOfDay(cursor: Cursor): TimeOfDay {
  const hour = twoDigits(cursor, 'hour');
  cursor.obsoleteIf(cursor.skipCfws(), false, 'inside the time');
  if (cursor.peek() !== ':') cursor.fail('":" and the minutes after the hour');
  cursor.index += 1;
  cursor.obsoleteIf(cursor.skipCfws(), false, 'inside the time');
  const minute = twoDigits(cursor, 'minute');
  const afterMinute = cursor.skipCfws();
  if (cursor.peek() !== ':') return { hour, minute, followedBy: afterMinute };
  cursor.obsoleteIf(afterMinute, false, 'inside the time');
  cursor.index += 1;
  cursor.obsoleteIf(cursor.skipCfws(), false, 'inside the time');
  const second = twoDigits(cursor, 'second');
  return { hour, minute, second, followedBy: cursor.skipCfws() };
}

type Zone = Pick<DateTime, 'zone' | 'zoneOffsetMinutes' | 'zoneUnknown'>;

/**
 * zone = (FWS ("+" / "-") 4DIGIT) / obs-zone. A comment before the zone can only come from the
 * trailing CFWS of obs-minute / obs-second, which `before` is.
 */
function readZone(cursor: Cursor, before: CfwsRun): Zone {
  const sign = cursor.peek();
  if (sign === '+' || sign === '-') {
    if (!before.endsInWhiteSpace) cursor.fail('white space before the zone');
    cursor.obsoleteIf(before, true, 'before the zone');
    return readNumericZone(cursor);
  }
  if (isLetter(sign)) {
    cursor.obsoleteIf(before, true, 'before the zone');
    return readObsoleteZone(cursor);
  }
  cursor.fail('white space and a zone (+hhmm or -hhmm) after the time');
}

/** ("+" / "-") 4DIGIT: hours 00–23 and minutes 00–59 away from UTC; "-0000" says nothing about local time. */
function readNumericZone(cursor: Cursor): Zone {
  const sign = cursor.peek();
  cursor.index += 1;
  const digitsIndex = cursor.index;
  const digits = cursor.readDigits();
  if (digits.length !== 4) cursor.fail('a zone of 4 digits after the sign (+hhmm or -hhmm)', digitsIndex);
  const zone = sign + digits;
  const zoneHours = Number(digits.slice(0, 2));
  const zoneMinutes = Number(digits.slice(2));
  if (zoneMinutes > 59) {
    throw new DateTimeSyntaxError(digitsIndex + 2, 'impossible', `zone minutes ${digits.slice(2)} are out of range: the last two digits must be 00–59`);
  }
  if (zoneHours > 23) {
    throw new DateTimeSyntaxError(digitsIndex, 'impossible', `zone ${zone} is a day or more away from UTC: no time zone is`);
  }
  return { zone, zoneOffsetMinutes: (sign === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes), zoneUnknown: zone === '-0000' };
}

/** obs-zone = "UT" / "GMT" / the North American zones / a military letter (read as -0000, RFC 5322 4.3). */
function readObsoleteZone(cursor: Cursor): Zone {
  const index = cursor.index;
  const zone = cursor.readLetters();
  const upper = zone.toUpperCase();
  const named = NAMED_ZONES[upper];
  if (named !== undefined) {
    cursor.noteObsolete('alphabetic-zone', index, zone);
    return { zone, zoneOffsetMinutes: named, zoneUnknown: false };
  }
  if (upper.length === 1 && upper !== 'J') {
    cursor.noteObsolete('military-zone', index, zone);
    return { zone, zoneOffsetMinutes: 0, zoneUnknown: true };
  }
  cursor.failWith(
    `zone "${zone}" is not an RFC 5322 zone: write the offset as +hhmm or -hhmm` +
      (upper === 'UTC' ? ' (+0000 for UTC)' : ' (RFC 5322 4.3 reads unknown zone names as -0000, so the offset is lost)'),
    index,
  );
}

/** [CFWS] to the end: only comments and white space may follow the zone. */
function readEnd(cursor: Cursor): void {
  cursor.skipCfws();
  if (cursor.index < cursor.text.length) cursor.fail('nothing after the zone but a comment in parentheses');
}

interface DateTimeParts {
  weekday: Token | undefined;
  day: Token;
  month: Token;
  year: Token;
  time: TimeOfDay;
  zone: Zone;
}

function impossible(index: number, message: string): never {
  throw new DateTimeSyntaxError(index, 'impossible', message);
}

/** RFC 5322 3.3: "A date-time specification MUST be semantically valid". Returns the instant. */
function checkMoment({ weekday, day, month, year, time, zone }: DateTimeParts): Date {
  if (year.value < 1900) impossible(year.index, `year ${year.value} is before 1900 (RFC 5322 3.3: the year is 1900 or later)`);
  const monthName = MONTH_NAMES[month.value - 1];
  const monthDays = daysInMonth(year.value, month.value);
  if (day.value < 1 || day.value > monthDays) {
    impossible(day.index, `${monthName} ${year.value} has no day ${day.value} (it has ${monthDays} days)`);
  }
  const { hour, minute, second } = time;
  if (hour.value > 23) impossible(hour.index, `hour ${hour.text} is out of range (00–23)`);
  if (minute.value > 59) impossible(minute.index, `minute ${minute.text} is out of range (00–59)`);
  if (second && second.value > 60) impossible(second.index, `second ${second.text} is out of range (00–60, 60 only for a leap second)`);
  const actualWeekday = new Date(Date.UTC(year.value, month.value - 1, day.value)).getUTCDay();
  if (weekday && weekday.value !== actualWeekday) {
    impossible(
      weekday.index,
      `day name ${weekday.text} does not match ${day.value} ${monthName} ${year.value}, which is a ${FULL_DAY_NAMES[actualWeekday]}`,
    );
  }
  const instantMs =
    Date.UTC(year.value, month.value - 1, day.value, hour.value, minute.value, second?.value ?? 0) - zone.zoneOffsetMinutes * 60_000;
  if (!Number.isFinite(instantMs) || Math.abs(instantMs) > 8.64e15) {
    impossible(year.index, `year ${year.value} is beyond any date a mail system can represent`);
  }
  return new Date(instantMs);
}
