import { useCallback, useEffect, useState } from 'react';
import { HOTKEY_ACTIONS } from '../../../core/app-api.ts';
import type { DesktopApi, DesktopSettingsView, NotificationChoices } from '../../../core/app-api.ts';
import type { AppView } from '../services.ts';
import { ErrorText } from './ErrorText.tsx';
import { Field } from './Field.tsx';
import { HotkeyCapture } from './HotkeyCapture.tsx';
import { useAction } from './use-action.ts';

const ACTION_WORDS = {
  call: 'Log a call',
  appointment: 'Log an appointment',
  proposal: 'Log a proposal',
  forward_appointment: 'Log a forward appointment',
  undo: 'Undo the last log',
} as const;

const NOTIFY_WORDS: Record<keyof NotificationChoices, string> = {
  challengeEnded: 'A challenge ended',
  overtaken: 'A partner overtook me',
  challengeStarted: 'A challenge started',
  partnerJoined: 'A partner joined',
  cheers: 'Cheers and taunts',
  personalBest: 'I beat a personal best',
  weeklyRecap: 'Last week’s recap, when a new week starts',
};

type Patch = Parameters<DesktopApi['updateSettings']>[0];

/** What only the desktop app has: hotkeys, notifications, quiet hours, relays, launch at login. */
export function DesktopSettings({ state, desktop }: { state: AppView; desktop: DesktopApi }) {
  const [settings, setSettings] = useState<DesktopSettingsView | null>(null);
  const reload = useCallback(() => void desktop.getSettings().then(setSettings), [desktop]);
  useEffect(reload, [reload]);
  const update = useAction((patch: Patch) => desktop.updateSettings(patch), reload);
  const pause = useAction(desktop.setHotkeysPaused);
  const [relays, setRelays] = useState<string | null>(null);
  if (!settings) return <p className="hint">Loading settings…</p>;
  const hotkeys = state.hotkeys;
  const bindings = hotkeys?.bindings ?? settings.hotkeys;
  const quiet = settings.quietHours;
  return (
    <>
      <section className="card" aria-labelledby="hotkeys-title">
        <h2 id="hotkeys-title">Hotkeys</h2>
        {HOTKEY_ACTIONS.map((action) => (
          <HotkeyCapture
            key={action}
            action={action}
            label={ACTION_WORDS[action]}
            accelerator={bindings[action]}
            problem={hotkeys?.problems.find((p) => p.action === action)?.message ?? null}
            setHotkey={desktop.setHotkey}
          />
        ))}
        <label className="inline">
          <input
            type="checkbox"
            checked={hotkeys?.paused ?? false}
            onChange={(e) => void pause.run(e.target.checked)}
          />
          Pause all hotkeys
        </label>
        <ErrorText error={pause.error} />
      </section>
      <section className="card" aria-labelledby="notify-title">
        <h2 id="notify-title">Notifications</h2>
        <fieldset>
          <legend>Tell me when</legend>
          {(Object.keys(NOTIFY_WORDS) as (keyof NotificationChoices)[]).map((key) => (
            <label key={key} className="inline">
              <input
                type="checkbox"
                checked={settings.notifications[key]}
                onChange={(e) =>
                  void update.run({ notifications: { ...settings.notifications, [key]: e.target.checked } })
                }
              />
              {NOTIFY_WORDS[key]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Quiet hours</legend>
          <label className="inline">
            <input
              type="checkbox"
              checked={quiet.enabled}
              onChange={(e) => void update.run({ quietHours: { ...quiet, enabled: e.target.checked } })}
            />
            Hold notifications during quiet hours
          </label>
          <div className="row">
            <Field
              label="From"
              type="time"
              value={quiet.from}
              onChange={(from) => void update.run({ quietHours: { ...quiet, from } })}
            />
            <Field
              label="To"
              type="time"
              value={quiet.to}
              onChange={(to) => void update.run({ quietHours: { ...quiet, to } })}
            />
          </div>
        </fieldset>
        <ErrorText error={update.error} />
      </section>
      <section className="card" aria-labelledby="relay-title">
        <h2 id="relay-title">Relay and profile</h2>
        <div className="field">
          <label htmlFor="relay-urls">Relay addresses (one per line; the first that answers is used)</label>
          <textarea
            id="relay-urls"
            rows={3}
            value={relays ?? settings.relayUrls.join('\n')}
            onChange={(e) => setRelays(e.target.value)}
          />
        </div>
        <button
          type="button"
          disabled={relays === null || update.busy}
          onClick={() => {
            const relayUrls = (relays ?? '')
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean);
            void update.run({ relayUrls }).then(() => setRelays(null));
          }}
        >
          Save relay addresses
        </button>
        <p className="hint">Profile folder: {settings.profileDir}</p>
        {settings.tokenStorageWarning ? <p className="warning">{settings.tokenStorageWarning}</p> : null}
        <label className="inline">
          <input
            type="checkbox"
            checked={settings.launchAtLogin}
            onChange={(e) => void update.run({ launchAtLogin: e.target.checked })}
          />
          Start Wolfpack when I log in
        </label>
      </section>
    </>
  );
}
