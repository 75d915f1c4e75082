import type { z } from 'zod';
import { describeIssue } from '../../core/protocol.ts';

/**
 * The protocol's event names: lowercase words joined by hyphens, a colon, more of them
 * (`history:head-to-head`). The longest is 20 characters.
 */
const EVENT_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*:[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_EVENT_NAME = 40;

export const NO_EVENT_NAME = 'a message without an event name';

/**
 * The event name of a message, fit to quote back in an error, or null. Socket.IO hands over
 * whatever the first element of the frame was: a number, an object, or, for a frame with an
 * acknowledgement id and no data, the acknowledgement function itself (whose source String()
 * would print). Only a short string of the protocol's shape is named.
 */
export function eventLabel(event: unknown): string | null {
  return typeof event === 'string' && event.length <= MAX_EVENT_NAME && EVENT_NAME.test(event) ? event : null;
}

/** The event's name for request:error's `event` field, which clients print after "could not answer". */
export function eventField(event: unknown): string {
  return eventLabel(event) ?? NO_EVENT_NAME;
}

/** Field names fit to quote back: what a request's own fields look like. */
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;

/**
 * The first validation failure in a sentence, as describeIssue words it, except that unknown
 * fields are quoted only when they look like field names, and three at most: zod's own message
 * lists every unknown key in full, so a request with one 200,000-character key got all of it
 * back.
 */
export function describeRequestIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue?.code !== 'unrecognized_keys') return describeIssue(error);
  const where = issue.path.length > 0 ? issue.path.join('.') : 'payload';
  const plural = issue.keys.length === 1 ? '' : 's';
  const named = issue.keys.filter((key) => FIELD.test(key)).slice(0, 3);
  if (named.length === 0) return `${where}: ${issue.keys.length} unknown field${plural}`;
  const rest = issue.keys.length - named.length;
  const list = named.map((key) => `"${key}"`).join(', ');
  return `${where}: unknown field${plural} ${list}${rest > 0 ? ` and ${rest} more` : ''}`;
}
