import type { QuietHours } from '../../../core/app-api.ts';
import { addDays, localDateOf, startOfLocalDay, zoneOffsetAt } from '../../../core/time-window.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight for 'HH:MM', or null when it is not a time of day. */
export function parseClockTime(text: string): number | null {
  const match = HHMM.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function range(q: QuietHours): { from: number; to: number } | null {
  const from = parseClockTime(q.from);
  const to = parseClockTime(q.to);
  // Equal ends are an empty range, not a whole day: "22:00 to 22:00" reads as a slip, and holding
  // every notification forever would look like a broken app.
  if (!q.enabled || from === null || to === null || from === to) return null;
  return { from, to };
}

/** Minutes since local midnight on the wall clock of the zone at that instant. */
function wallMinutes(instant: number, timeZone: string): number {
  const local = instant + zoneOffsetAt(instant, timeZone);
  return Math.floor((((local % DAY) + DAY) % DAY) / MINUTE);
}

function inRange({ from, to }: { from: number; to: number }, minutes: number): boolean {
  // from > to crosses midnight: 22:00 to 07:00 is 22:00..24:00 and 00:00..07:00.
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

/** Whether the wall clock of the zone reads inside the quiet hours (from inclusive, to exclusive). */
export function inQuietHours(q: QuietHours, now: number, timeZone: string): boolean {
  const r = range(q);
  return r !== null && inRange(r, wallMinutes(now, timeZone));
}

/**
 * The instant the current quiet hours end: the first moment the wall clock reads `to` or later.
 * Returns `now` when they are not on. Where DST skips `to` (02:30 on a spring-forward night) they
 * end when the clocks jump; where it repeats, at the first 02:30.
 */
export function quietHoursEnd(q: QuietHours, now: number, timeZone: string): number {
  const r = range(q);
  if (r === null) return now;
  const minutes = wallMinutes(now, timeZone);
  if (!inRange(r, minutes)) return now;
  const today = localDateOf(now, timeZone);
  // In a range crossing midnight, the evening part ends tomorrow morning.
  const date = minutes >= r.to ? addDays(today, 1) : today;
  const dayStart = startOfLocalDay(date, timeZone);
  // Wall minutes from the day's start, corrected by any offset change between midnight and `to`.
  let end = dayStart + r.to * MINUTE;
  end -= zoneOffsetAt(end, timeZone) - zoneOffsetAt(dayStart, timeZone);
  // The estimate is exact except around a transition; settle it on the wall clock, minute by
  // minute (UTC minutes and wall minutes line up in every zone in use).
  end = Math.floor(end / MINUTE) * MINUTE;
  const quiet = (t: number) => inRange(r, wallMinutes(t, timeZone));
  for (let i = 0; i < 240 && quiet(end); i++) end += MINUTE;
  for (let i = 0; i < 240 && end - MINUTE > now && !quiet(end - MINUTE); i++) end -= MINUTE;
  return Math.max(end, now);
}
