import { z } from 'zod';
import type { HotkeyAction, NotificationChoices, QuietHours } from '../../../core/app-api.ts';
import { defaultBindings, validateAccelerator } from '../hotkeys/hotkey-manager.ts';
import { parseClockTime } from '../notifications/quiet-hours.ts';

export const SETTINGS_VERSION = 2;

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const relayUrlSchema = z
  .string()
  .refine(isHttpUrl, 'must be a web address starting with http:// or https://');

export const acceleratorSchema = z.string().superRefine((value, ctx) => {
  const reason = validateAccelerator(value);
  if (reason !== null) ctx.addIssue({ code: 'custom', message: reason });
});

export const hotkeysSchema = z.strictObject({
  call: acceleratorSchema,
  appointment: acceleratorSchema,
  proposal: acceleratorSchema,
  forward_appointment: acceleratorSchema,
  undo: acceleratorSchema,
}) satisfies z.ZodType<Record<HotkeyAction, string>>;

export const notificationChoicesSchema = z.strictObject({
  challengeEnded: z.boolean(),
  overtaken: z.boolean(),
  challengeStarted: z.boolean(),
  partnerJoined: z.boolean(),
  cheers: z.boolean(),
  // Added after settings files existed: a file without them is complete, not damaged.
  personalBest: z.boolean().default(true),
  weeklyRecap: z.boolean().default(true),
}) satisfies z.ZodType<NotificationChoices>;

const clockTime = z.string().refine((s) => parseClockTime(s) !== null, 'must be a time like 22:00');

export const quietHoursSchema = z.strictObject({
  enabled: z.boolean(),
  from: clockTime,
  to: clockTime,
}) satisfies z.ZodType<QuietHours>;

export const tokenSchema = z
  .discriminatedUnion('kind', [
    // safeStorage output, base64: the JSON file cannot hold raw bytes.
    z.strictObject({ kind: z.literal('encrypted'), data: z.base64().min(1) }),
    z.strictObject({ kind: z.literal('plain'), data: z.string().min(1) }),
  ])
  .nullable();

/** Each field's schema on its own: migrations repair one bad field without losing the rest. */
export const settingsFields = {
  relayUrls: z.array(relayUrlSchema).max(20),
  profileDir: z.string().min(1).nullable(),
  hotkeys: hotkeysSchema,
  notifications: notificationChoicesSchema,
  quietHours: quietHoursSchema,
  launchAtLogin: z.boolean(),
  token: tokenSchema,
};

export const settingsSchema = z.strictObject({
  version: z.literal(SETTINGS_VERSION),
  ...settingsFields,
});

export type DesktopSettings = z.infer<typeof settingsSchema>;
export type StoredToken = z.infer<typeof tokenSchema>;

export function defaultSettings(): DesktopSettings {
  return {
    version: SETTINGS_VERSION,
    relayUrls: [],
    profileDir: null,
    hotkeys: defaultBindings(),
    notifications: {
      challengeEnded: true,
      overtaken: true,
      challengeStarted: true,
      partnerJoined: true,
      cheers: true,
      personalBest: true,
      weeklyRecap: true,
    },
    // Off by default: the app cannot know anyone's working hours, and held news is confusing
    // when you did not ask for it.
    quietHours: { enabled: false, from: '22:00', to: '07:00' },
    launchAtLogin: false,
    token: null,
  };
}

/** One readable line for a failed parse: "relayUrls.0: must be a web address …". */
export function describeSettingsIssue(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const message = issue.message.replace(/\.$/, '');
      return issue.path.length > 0 ? `${issue.path.join('.')}: ${message}` : message;
    })
    .join('; ');
}
