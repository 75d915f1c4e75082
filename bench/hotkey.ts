/**
 * hotkey_p99_ms_10k_queued: from the hotkey callback to the event durable in the outbox and the
 * tray showing it, with 10,000 logs already queued offline. The desktop app runs with recording
 * fakes for its platform pieces (the Electron binary is not needed) and a relay that is down.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from '../core/uuid.ts';
import type { ChallengeView, LogEvent, Snapshot } from '../core/types.ts';
import { BUILT_IN_METRICS } from '../core/metrics.ts';
import { PROTOCOL_VERSION } from '../core/protocol.ts';
import { Outbox } from '../client/outbox.ts';
import { DesktopApp } from '../electron/main/desktop-app.ts';
import { writeMembership } from '../electron/main/membership.ts';
import {
  FakeCipher,
  FakeNotifier,
  FakeRegistrar,
  FakeTray,
  FakeWindows,
  MemorySettingsBackend,
} from '../electron/main/testing/fakes.ts';
import { SettingsService } from '../electron/main/settings/settings-service.ts';
import { TokenVault } from '../electron/main/settings/token-vault.ts';
import type { Clock } from '../electron/main/ports.ts';
import { round, summarize, tempDir } from './lib.ts';

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    return { cancel: () => clearTimeout(timer) };
  },
};

export async function runHotkey(opts: { queued: number; presses: number }): Promise<Record<string, unknown>> {
  const tmp = tempDir();
  try {
    const profileDir = join(tmp.dir, 'profile');
    mkdirSync(profileDir, { recursive: true });
    const outbox = await Outbox.open(join(profileDir, 'outbox.jsonl'));
    const now = Date.now();
    for (let i = 0; i < opts.queued; i += 500) {
      const batch: LogEvent[] = Array.from({ length: Math.min(500, opts.queued - i) }, () => ({
        id: uuidv7(now),
        type: 'log',
        metric: 'call',
        count: 1,
        occurredAt: now,
      }));
      await outbox.append(batch);
    }
    await outbox.close();
    // Nobody listens on port 9: the session stays offline and every press is queued.
    await writeMembership(profileDir, {
      relayUrl: 'http://127.0.0.1:9',
      packId: 'pack',
      packName: 'Bench',
      memberId: 'me',
      displayName: 'Me',
    });
    const backend = new MemorySettingsBackend();
    new TokenVault(new SettingsService(backend), new FakeCipher(), 'linux').save('wp_bench');

    const tray = new FakeTray();
    const registrar = new FakeRegistrar();
    const app = await DesktopApp.start({
      userDataDir: tmp.dir,
      tray,
      registrar,
      notifier: new FakeNotifier(),
      windows: new FakeWindows(),
      clock: realClock,
      relayHost: { start: () => Promise.reject(new Error('no')), stop: async () => undefined },
      settingsBackend: backend,
      settingsMessage: null,
      cipher: new FakeCipher(),
      platform: 'linux',
      timeZone: 'UTC',
      setLaunchAtLogin: () => undefined,
      quit: () => undefined,
    });
    app.mirror.applySnapshot(benchSnapshot(now), []);

    const samples: number[] = [];
    let wrong = 0;
    for (let i = 0; i < opts.presses; i++) {
      const before = tray.tooltip;
      const t0 = performance.now();
      await app.press('call');
      samples.push(performance.now() - t0);
      if (tray.tooltip === before) wrong++;
    }
    const queued = app.outbox.size;
    await app.shutdown();
    const s = summarize(samples);
    return {
      hotkey_p99_ms_10k_queued: round(s.p99, 3),
      hotkey_p50_ms_10k_queued: round(s.p50, 3),
      hotkey_presses: opts.presses,
      hotkey_tray_not_updated: wrong,
      hotkey_queued_after: queued,
    };
  } finally {
    tmp.remove();
  }
}

function benchSnapshot(now: number): Snapshot {
  const me = {
    id: 'me',
    packId: 'pack',
    displayName: 'Me',
    role: 'owner' as const,
    joinedAt: now,
    active: true,
  };
  const sam = { ...me, id: 'sam', displayName: 'Sam', role: 'member' as const };
  const challenge: ChallengeView = {
    id: 'c1',
    packId: 'pack',
    creatorId: 'me',
    title: 'Most calls this week',
    stake: null,
    repeat: null,
    metric: 'call',
    format: 'most',
    target: null,
    period: { kind: 'this-week' },
    start: now - 3600_000,
    end: now + 3 * 86_400_000,
    horizon: null,
    participants: [
      { memberId: 'me', declined: false },
      { memberId: 'sam', declined: false },
    ],
    status: 'active',
    createdAt: now - 3600_000,
    endedAt: null,
    standings: [
      { memberId: 'me', count: 0, rank: 1, reachedAt: null },
      { memberId: 'sam', count: 0, rank: 1, reachedAt: null },
    ],
    result: null,
  };
  return {
    protocol: PROTOCOL_VERSION,
    serverTime: now,
    you: me,
    pack: { id: 'pack', name: 'Bench', timeZone: 'UTC', weekStart: 1, ownerId: 'me', createdAt: now },
    members: [me, sam],
    metrics: [...BUILT_IN_METRICS],
    inviteCode: null,
    challenges: [challenge],
    unseenResults: [],
    feed: [],
    cheers: [],
  };
}
