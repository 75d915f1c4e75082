import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChallengeView, LogEvent, UndoEvent } from '../core/types.ts';
import { runCli } from './helpers/profile-cli.ts';
import { makeTempDir, removeTempDirs } from './helpers/profile-dirs.ts';
import { json, newChallenge, pair } from './helpers/profile-pack.ts';
import { startTestRelay } from './helpers/profile-relay.ts';

afterAll(removeTempDirs);

interface Sent {
  queued: boolean;
  waiting: number;
  challenges: ChallengeView[];
}

function countOf(sent: Sent, challengeId: string, memberId: string): number | undefined {
  return sent.challenges.find((c) => c.id === challengeId)?.standings.find((s) => s.memberId === memberId)
    ?.count;
}

describe('--json on log, undo and sync', () => {
  it('prints what was logged, taken back, queued and sent instead of text', async () => {
    const dbPath = join(await makeTempDir('wolfpack-relay-'), 'relay.sqlite');
    let relay = await startTestRelay({ dbPath });
    try {
      const { alex, alexId } = await pair(relay.url);
      const challenge = await newChallenge(alex);

      const logged = json<Sent & { logged: LogEvent }>(
        await runCli(['log', 'call', '--count', '2', '--note', 'cold list', '--json', '--profile', alex]),
      );
      expect(logged).toMatchObject({
        logged: { type: 'log', metric: 'call', count: 2, note: 'cold list' },
        queued: false,
        waiting: 0,
      });
      expect(countOf(logged, challenge.id, alexId)).toBe(2);

      const undone = json<Sent & { undo: UndoEvent; retracted: { id: string } }>(
        await runCli(['undo', '--json', '--profile', alex]),
      );
      expect(undone).toMatchObject({
        undo: { type: 'undo', retracts: logged.logged.id },
        retracted: { id: logged.logged.id, metric: 'call', count: 2 },
        queued: false,
        waiting: 0,
      });
      expect(countOf(undone, challenge.id, alexId)).toBe(0);

      await relay.close();
      const queued = json<Sent & { logged: LogEvent }>(
        await runCli(['log', 'appointment', '--json', '--profile', alex]),
      );
      expect(queued).toMatchObject({
        logged: { metric: 'appointment', count: 1 },
        queued: true,
        waiting: 1,
        challenges: [],
      });

      relay = await startTestRelay({ dbPath, port: relay.port });
      expect(json(await runCli(['sync', '--json', '--profile', alex]))).toEqual({
        sync: { sent: 1, rejected: 0, remaining: 0 },
      });
      expect(json(await runCli(['sync', '--json', '--profile', alex]))).toEqual({
        sync: { sent: 0, rejected: 0, remaining: 0 },
      });
    } finally {
      await relay.close();
    }
  });
});
