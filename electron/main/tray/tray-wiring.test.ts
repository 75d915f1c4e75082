/**
 * The tray pieces together, as the app wires them: hotkey state into the menu, the menu into a
 * tray, the icon through the once-a-second updater.
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../../../core/metrics.ts';
import { HotkeyManager, defaultBindings } from '../hotkeys/hotkey-manager.ts';
import { FakeClock, FakeRegistrar, FakeTray } from '../testing/fakes.ts';
import { challenge, member } from '../testing/fixtures.ts';
import { TrayIconUpdater } from './icon-render.ts';
import { buildTrayView } from './tray-model.ts';

describe('tray wiring', () => {
  it('a taken key shows in the menu, pause is a click away, and the icon follows the score', () => {
    const clock = new FakeClock('2026-11-25T10:00:00Z');
    const tray = new FakeTray();
    const registrar = new FakeRegistrar(['CommandOrControl+Alt+P']);
    const icon = new TrayIconUpdater(tray, clock, 16);
    let mine = 3;

    const refresh = () => {
      const view = buildTrayView({
        you: member('me'),
        members: [member('me'), member('sam')],
        metrics: [...BUILT_IN_METRICS],
        challenges: [
          challenge({
            start: clock.now() - 3_600_000,
            scores: [
              ['me', mine],
              ['sam', 4],
            ],
          }),
        ],
        connection: { state: 'online', queued: 0 },
        hotkeys: hotkeys.state(),
        timeZone: 'Europe/Berlin',
        now: clock.now(),
      });
      tray.setToolTip(view.tooltip);
      tray.setContextMenu(view.menu, (id) => {
        if (id === 'pause') hotkeys.setPaused(!hotkeys.state().paused);
      });
      icon.update(view.icon);
    };
    const hotkeys = new HotkeyManager({
      registrar,
      platform: 'linux',
      onPress: () => {
        mine++;
        refresh();
      },
      onChange: refresh,
    });
    hotkeys.apply(defaultBindings());

    expect(tray.menuLines()).toContain(
      'Ctrl+Alt+P is taken by another application, so no hotkey logs a proposal; choose another combination in Settings.',
    );
    expect(tray.item('log:proposal')?.accelerator).toBeUndefined();

    registrar.press('CommandOrControl+Alt+C');
    registrar.press('CommandOrControl+Alt+C');
    expect(tray.tooltip).toMatch(/^Calls this week: you 5, Sam 4/);
    // Both presses came within the same second as the first drawing: one redraw, a second later.
    expect(tray.images).toHaveLength(1);
    clock.advance(1000);
    expect(tray.images).toHaveLength(2);

    tray.click('pause');
    expect(tray.item('pause')?.checked).toBe(true);
    expect(registrar.registered()).toEqual([]);
    expect(tray.menuLines().some((l) => l.includes('is taken'))).toBe(false);
  });
});
