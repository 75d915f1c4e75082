import type { EpochMs, Horizon, LocalDate, PeriodSpec, TimeWindow, WeekStart } from './types.ts';

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  year: number;
  month: number;
  day: number;
}

// Building a DateTimeFormat costs far more than using one, and the relay asks for the same few
// pack zones over and over.
const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12: false: older ICU renders midnight as "24" under hour12: false.
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock extends Ymd {
  /** Milliseconds since local midnight, to whole seconds. */
  msOfDay: number;
}

function wallClockAt(instant: EpochMs, timeZone: string): WallClock {
  const wall: WallClock = { year: 0, month: 0, day: 0, msOfDay: 0 };
  for (const part of wallClockFormatter(timeZone).formatToParts(instant)) {
    const value = Number(part.value);
    if (part.type === 'year') wall.year = value;
    else if (part.type === 'month') wall.month = value;
    else if (part.type === 'day') wall.day = value;
    else if (part.type === 'hour') wall.msOfDay += value * 3_600_000;
    else if (part.type === 'minute') wall.msOfDay += value * 60_000;
    else if (part.type === 'second') wall.msOfDay += value * 1000;
  }
  return wall;
}

/** The zone's UTC offset at that instant in ms (local wall clock minus UTC), to whole seconds. */
export function zoneOffsetAt(instant: EpochMs, timeZone: string): number {
  const second = Math.floor(instant / 1000) * 1000;
  const wall = wallClockAt(second, timeZone);
  return dayNumber(wall) * DAY_MS + wall.msOfDay - second;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (Hinnant's days_from_civil).
// Plain arithmetic, unlike Date.UTC, which maps years 0..99 to 1900..1999.
function dayNumber({ year, month, day }: Ymd): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function fromDayNumber(days: number): Ymd {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parseYmd(date: LocalDate): Ymd {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`not a local date: ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function formatYmd({ year, month, day }: Ymd): LocalDate {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function isValidLocalDate(s: string): boolean {
  const match = DATE_PATTERN.exec(s);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function localDateOf(instant: EpochMs, timeZone: string): LocalDate {
  return formatYmd(wallClockAt(instant, timeZone));
}

export function startOfLocalDay(date: LocalDate, timeZone: string): EpochMs {
  const midnight = dayNumber(parseYmd(date)) * DAY_MS;
  // The true offset at local midnight is the one in force just before or just after it; offsets
  // never exceed a day, so sampling a day either side brackets any single transition.
  const before = zoneOffsetAt(midnight - DAY_MS, timeZone);
  const after = zoneOffsetAt(midnight + DAY_MS, timeZone);
  // Where clocks fall back across midnight it happens twice; the day starts at the first one.
  const candidates = [midnight - before, midnight - after].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (candidate + zoneOffsetAt(candidate, timeZone) === midnight) return candidate;
  }
  // Midnight was skipped (spring forward at 00:00, or a whole day dropped as in Pacific/Apia on
  // 2011-12-30): the day begins at the transition, the first second whose local date is >= date.
  let lo = Math.floor((midnight - DAY_MS - 2 * 3_600_000) / 1000);
  let hi = Math.ceil((midnight + DAY_MS + 2 * 3_600_000) / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDateOf(mid * 1000, timeZone) >= date) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}

export function addDays(date: LocalDate, n: number): LocalDate {
  return formatYmd(fromDayNumber(dayNumber(parseYmd(date)) + n));
}

/** The day is clamped to the end of the target month: 2026-01-31 + 1 month = 2026-02-28. */
export function addMonths(date: LocalDate, n: number): LocalDate {
  const { year, month, day } = parseYmd(date);
  const total = year * 12 + (month - 1) + n;
  const newYear = Math.floor(total / 12);
  const newMonth = total - newYear * 12 + 1;
  return formatYmd({ year: newYear, month: newMonth, day: Math.min(day, daysInMonth(newYear, newMonth)) });
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: LocalDate): WeekStart {
  // 1970-01-01 was a Thursday.
  return ((((dayNumber(parseYmd(date)) + 4) % 7) + 7) % 7) as WeekStart;
}

export function weekStartDate(date: LocalDate, weekStart: WeekStart): LocalDate {
  return addDays(date, -((dayOfWeek(date) - weekStart + 7) % 7));
}

export function quarterStartDate(date: LocalDate): LocalDate {
  const { year, month } = parseYmd(date);
  return formatYmd({ year, month: Math.floor((month - 1) / 3) * 3 + 1, day: 1 });
}

/** Whole local days [from, toExclusive) as instants. */
function daysWindow(from: LocalDate, toExclusive: LocalDate, timeZone: string): TimeWindow {
  return { start: startOfLocalDay(from, timeZone), end: startOfLocalDay(toExclusive, timeZone) };
}

export function windowFor(
  period: PeriodSpec,
  now: EpochMs,
  timeZone: string,
  weekStart: WeekStart,
): TimeWindow {
  switch (period.kind) {
    case 'today': {
      const today = localDateOf(now, timeZone);
      return daysWindow(today, addDays(today, 1), timeZone);
    }
    case 'this-week': {
      const first = weekStartDate(localDateOf(now, timeZone), weekStart);
      return daysWindow(first, addDays(first, 7), timeZone);
    }
    case 'this-quarter': {
      const first = quarterStartDate(localDateOf(now, timeZone));
      return daysWindow(first, addMonths(first, 3), timeZone);
    }
    case 'range':
      return daysWindow(period.from, addDays(period.to, 1), timeZone);
    case 'instants':
      return { start: period.start, end: period.end };
  }
}

/**
 * Meeting dates that count for a challenge over `window`: from its first local day through
 * `months` after its last local day, so a meeting booked on the last day for exactly three
 * months later still counts. `to` is exclusive.
 */
export function horizonFor(window: TimeWindow, months: number, timeZone: string): Horizon {
  return {
    from: localDateOf(window.start, timeZone),
    // From the window's last day, so that a month end clamps the same way for a booking made on
    // it (30 Nov + 3 months is 28 Feb, which counts), then exclusive.
    to: addDays(addMonths(localDateOf(window.end - 1, timeZone), months), 1),
  };
}

/** Calendar days from `a` to `b` (negative when `b` comes first). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(parseYmd(b)) - dayNumber(parseYmd(a));
}

/**
 * The months that made `horizon` for `window`, as a challenge stores the horizon's dates and not
 * the number asked for. The nearest fit, not an exact one: a weekly repeat made before repeats
 * computed their horizon anew carries its first week's horizon moved by whole weeks, up to three
 * days off the exact one, and must still give back the number it was made with.
 */
export function horizonMonthsOf(window: TimeWindow, horizon: Horizon, timeZone: string): number {
  let best = 1;
  let bestDistance = Infinity;
  for (let months = 1; months <= MAX_HORIZON_MONTHS; months++) {
    const distance = Math.abs(daysBetween(horizonFor(window, months, timeZone).to, horizon.to));
    if (distance < bestDistance) {
      best = months;
      bestDistance = distance;
    }
  }
  return best;
}

export function parsePeriodArg(arg: string): PeriodSpec | null {
  const text = arg.trim().toLowerCase();
  if (text === 'today' || text === 'this-week' || text === 'this-quarter') return { kind: text };
  const match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (!match) return null;
  const from = match[1] ?? '';
  const to = match[2] ?? '';
  if (!isValidLocalDate(from) || !isValidLocalDate(to) || from > to) return null;
  return { kind: 'range', from, to };
}

export const MAX_HORIZON_MONTHS = 24;

export function parseHorizonArg(arg: string): number | null {
  const match = /^(\d{1,2})(?:mo|m)?$/.exec(arg.trim().toLowerCase());
  if (!match) return null;
  const months = Number(match[1]);
  return months >= 1 && months <= MAX_HORIZON_MONTHS ? months : null;
}
