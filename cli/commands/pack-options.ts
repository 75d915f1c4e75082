/** The options that `pack create` and `pack join` check before they reach the relay. */
import { timeZoneSchema } from '../../core/protocol.ts';
import type { WeekStart } from '../../core/types.ts';
import { normalizeRelayUrl } from '../../client/http.ts';
import { usageError } from '../errors.ts';

const WEEK_DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function parseWeekStart(value: string): WeekStart {
  const index = WEEK_DAYS.findIndex((day) => value.toLowerCase().startsWith(day));
  if (index === -1) throw usageError(`--week-start must be a day like mon or sun, not "${value}"`);
  return index as WeekStart;
}

/** `--server` may be given several times: the addresses of one relay's nodes, preferred first. */
export function relayUrlsOption(values: string[] | undefined): string[] {
  if (!values || values.length === 0) {
    throw usageError('--server URL is required, like --server http://127.0.0.1:7420');
  }
  return values.map((value) => {
    const url = normalizeRelayUrl(value);
    if (!url) throw usageError(`--server must be a URL like http://127.0.0.1:7420, not "${value}"`);
    return url;
  });
}

export function required(value: string | undefined, option: string, example: string): string {
  if (value === undefined || value.trim() === '')
    throw usageError(`${option} is required, like ${option} ${example}`);
  return value;
}

const ZONE_LIST =
  'see `timedatectl list-timezones` or https://en.wikipedia.org/wiki/List_of_tz_database_time_zones';

/**
 * Checked here rather than by the relay, whose refusal ("timeZone: must be ...") names a field
 * of its API that the user never typed. A city alone ("Berlin") is the usual slip, so the zone
 * that ends in it is offered when there is one.
 */
export function parseTimeZone(value: string): string {
  if (timeZoneSchema.safeParse(value).success) return value;
  const city = value.trim().replaceAll(' ', '_').toLowerCase();
  const guess = Intl.supportedValuesOf('timeZone').find((zone) => zone.toLowerCase().endsWith(`/${city}`));
  throw usageError(
    `--tz ${value} is not a time zone: use an IANA name like ${guess ?? 'Europe/Berlin'} (${ZONE_LIST})`,
  );
}
