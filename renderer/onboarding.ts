import type { ApiResult } from '../core/app-api.ts';
import { errorText, h } from './dom.ts';

/**
 * First run: create a pack on a relay, join one with an invite code, or host one on this
 * computer. Each form shows its own error next to it; a success arrives as a new app state.
 */

interface Field {
  name: string;
  label: string;
  value?: string;
  placeholder?: string;
}

function form(
  id: string,
  title: string,
  help: string,
  fields: Field[],
  submitLabel: string,
  submit: (values: Record<string, string>) => Promise<ApiResult>,
): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': `${id}-error` });
  const button = h('button', { type: 'submit' }, submitLabel);
  const element = h(
    'form',
    { id, class: 'card', autocomplete: 'off' },
    h('h2', {}, title),
    h('p', { class: 'muted' }, help),
    ...fields.map((f) =>
      h(
        'label',
        {},
        h('span', {}, f.label),
        h('input', { name: f.name, value: f.value, placeholder: f.placeholder, required: '' }),
      ),
    ),
    button,
    error,
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    const values: Record<string, string> = {};
    for (const [key, value] of new FormData(element)) values[key] = String(value).trim();
    error.textContent = '';
    button.disabled = true;
    submit(values)
      .then((result) => {
        if (!result.ok) error.textContent = result.error.message;
      })
      .catch((failure: unknown) => {
        error.textContent = errorText(failure);
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return element;
}

export function onboarding(defaultRelayUrl: string): HTMLElement {
  const api = window.wolfpack;
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return h(
    'section',
    { id: 'onboarding' },
    form(
      'create-pack',
      'Create a pack',
      'Start a pack on a relay your team runs, then share the invite code with your partners.',
      [
        { name: 'relayUrl', label: 'Relay address', value: defaultRelayUrl },
        { name: 'name', label: 'Pack name', placeholder: 'Hunters' },
        { name: 'displayName', label: 'Your name' },
        { name: 'timeZone', label: 'Time zone', value: timeZone },
      ],
      'Create',
      (v) =>
        api.createPack({
          relayUrl: v.relayUrl ?? '',
          name: v.name ?? '',
          displayName: v.displayName ?? '',
          timeZone: v.timeZone ?? timeZone,
        }),
    ),
    form(
      'join-pack',
      'Join a pack',
      'Your partner gives you the relay address and an invite code.',
      [
        { name: 'relayUrl', label: 'Relay address', value: defaultRelayUrl },
        { name: 'inviteCode', label: 'Invite code' },
        { name: 'displayName', label: 'Your name' },
      ],
      'Join',
      (v) =>
        api.joinPack({
          relayUrl: v.relayUrl ?? '',
          inviteCode: v.inviteCode ?? '',
          displayName: v.displayName ?? '',
        }),
    ),
    form(
      'host-pack',
      'Host a pack on this computer',
      'The relay runs inside Wolfpack; partners on the same network join with the address shown.',
      [
        { name: 'name', label: 'Pack name', placeholder: 'Hunters' },
        { name: 'displayName', label: 'Your name' },
        { name: 'timeZone', label: 'Time zone', value: timeZone },
      ],
      'Host',
      (v) =>
        api.hostPack({
          name: v.name ?? '',
          displayName: v.displayName ?? '',
          timeZone: v.timeZone ?? timeZone,
        }),
    ),
  );
}
