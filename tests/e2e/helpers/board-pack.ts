import { connect, createPack, joinPack, logEvent, ok } from '../../helpers/relay.ts';
import type { TestSocket } from '../../helpers/relay.ts';

/** A full sales floor: eight members, each on a socket of their own to the real relay. */
export const FLOOR = ['Alex', 'Priya', 'Omar', 'Sam', 'Kim', 'Jordan', 'Lee', 'Maya'] as const;
export type FloorName = (typeof FLOOR)[number];

/** Calls so far: Omar is two behind Priya, so three more calls pass her. */
const CALLS: Record<FloorName, number> = {
  Alex: 20,
  Priya: 12,
  Omar: 10,
  Sam: 8,
  Kim: 6,
  Jordan: 4,
  Lee: 2,
  Maya: 1,
};
const APPOINTMENTS: Record<FloorName, number> = {
  Alex: 2,
  Priya: 5,
  Omar: 1,
  Sam: 7,
  Kim: 3,
  Jordan: 0,
  Lee: 4,
  Maya: 6,
};
const PROPOSALS: Record<FloorName, number> = {
  Alex: 1,
  Priya: 0,
  Omar: 3,
  Sam: 2,
  Kim: 0,
  Jordan: 1,
  Lee: 0,
  Maya: 2,
};

type Format = 'most' | 'race' | 'goal';

/** Nine challenges, ending 40 minutes apart in this order; their titles are what the board shows. */
export const FLOOR_CHALLENGES: readonly { title: string; metric: string; format: Format; target?: number }[] =
  [
    { title: 'Power hour calls', metric: 'call', format: 'most' },
    { title: 'Race to 30 calls', metric: 'call', format: 'race', target: 30 },
    { title: 'Appointment sprint', metric: 'appointment', format: 'most' },
    { title: '15 calls each', metric: 'call', format: 'goal', target: 15 },
    { title: 'Proposal push', metric: 'proposal', format: 'most' },
    { title: 'Most calls today', metric: 'call', format: 'most' },
    { title: 'Race to 10 appts', metric: 'appointment', format: 'race', target: 10 },
    { title: 'Five proposals', metric: 'proposal', format: 'goal', target: 5 },
    { title: 'Booked meetings', metric: 'appointment', format: 'most' },
  ];

export interface Floor {
  sockets: Record<FloorName, TestSocket>;
  /** The board link's token, for `/board#TOKEN`. */
  boardToken: string;
  log(name: FloorName, metric: string, count: number): Promise<void>;
  close(): void;
}

/** The pack, its nine challenges, the counts above and a board link, made through the relay. */
export async function seedFloor(url: string): Promise<Floor> {
  const owner = await createPack(url, FLOOR[0], 'UTC');
  const sockets = { [FLOOR[0]]: await connect(url, owner.token) } as Record<FloorName, TestSocket>;
  for (const name of FLOOR.slice(1)) {
    const joined = await joinPack(url, owner.inviteCode, name);
    sockets[name] = await connect(url, joined.token);
  }
  const log = async (name: FloorName, metric: string, count: number) => {
    if (count > 0) await ok(sockets[name], 'activity:log', { events: [logEvent(metric, { count })] });
  };
  const now = Date.now();
  for (const [i, c] of FLOOR_CHALLENGES.entries()) {
    await ok(sockets.Alex, 'challenge:create', {
      title: c.title,
      metric: c.metric,
      format: c.format,
      ...(c.target ? { target: c.target } : {}),
      period: { kind: 'instants', start: now - 2 * 3_600_000, end: now + (i + 1) * 40 * 60_000 },
    });
  }
  for (const name of FLOOR) {
    await log(name, 'call', CALLS[name]);
    await log(name, 'appointment', APPOINTMENTS[name]);
    await log(name, 'proposal', PROPOSALS[name]);
  }
  const { token } = await ok(sockets.Alex, 'board:create', { label: 'Sales floor TV' });
  return {
    sockets,
    boardToken: token,
    log,
    close: () => {
      for (const socket of Object.values(sockets)) socket.close();
    },
  };
}
