import { describe, expect, it } from 'vitest';
import { GroupCommit, SharedRounds, type GroupOutcome, type GroupRunner } from './group-commit.ts';

interface Item {
  name: string;
  fails?: boolean;
  /** Its lock is held elsewhere when the group tries it. */
  busy?: boolean;
}

/** A runner that records each transaction it was asked for and finishes them when told to. */
class Recorder implements GroupRunner<Item> {
  readonly transactions: string[][] = [];
  #open: (() => void)[] = [];
  failGroups = false;

  async together(items: Item[]): Promise<GroupOutcome[]> {
    this.transactions.push(items.map((i) => i.name));
    await new Promise<void>((resolve) => this.#open.push(resolve));
    if (this.failGroups) throw new Error('the database refused the group');
    return items.map((i): GroupOutcome => {
      if (i.busy) return { status: 'busy' };
      if (i.fails) return { status: 'rejected', reason: new Error(`${i.name} refused`) };
      return { status: 'fulfilled', value: `${i.name} done` };
    });
  }

  async alone(item: Item): Promise<unknown> {
    this.transactions.push([item.name]);
    await new Promise<void>((resolve) => this.#open.push(resolve));
    if (item.fails) throw new Error(`${item.name} refused`);
    return `${item.name} done`;
  }

  /** Lets every transaction begun so far finish, and waits for what that sets off. */
  async finishAll(): Promise<void> {
    for (const finish of this.#open.splice(0)) finish();
    for (let i = 0; i < 10; i++) await Promise.resolve();
  }
}

const settle = (p: Promise<unknown>) =>
  p.then(
    (value) => ({ value }),
    (error: Error) => ({ error: error.message }),
  );

describe('group commit', () => {
  it('runs a transaction at once and alone while a slot is free', async () => {
    const runner = new Recorder();
    const groups = new GroupCommit(runner, { groups: 2, perGroup: 10 });
    const a = settle(groups.run({ name: 'a' }));
    const b = settle(groups.run({ name: 'b' }));
    expect(runner.transactions).toEqual([['a'], ['b']]);
    await runner.finishAll();
    expect(await Promise.all([a, b])).toEqual([{ value: 'a done' }, { value: 'b done' }]);
  });

  it('gathers what waits for a busy slot into groups no larger than the limit', async () => {
    const runner = new Recorder();
    const groups = new GroupCommit(runner, { groups: 1, perGroup: 3 });
    const results = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => settle(groups.run({ name })));
    expect(runner.transactions).toEqual([['a']]);
    await runner.finishAll();
    expect(runner.transactions).toEqual([['a'], ['b', 'c', 'd']]);
    await runner.finishAll();
    expect(runner.transactions).toEqual([['a'], ['b', 'c', 'd'], ['e', 'f']]);
    await runner.finishAll();
    expect(await Promise.all(results)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => ({ value: `${n} done` })),
    );
    expect(groups.load).toEqual({ running: 0, waiting: 0 });
  });

  it('gives each member of a group its own outcome: one refusal does not fail the others', async () => {
    const runner = new Recorder();
    const groups = new GroupCommit(runner, { groups: 1, perGroup: 5 });
    const first = settle(groups.run({ name: 'first' }));
    const rest = [{ name: 'x' }, { name: 'y', fails: true }, { name: 'z' }].map((i) => settle(groups.run(i)));
    await runner.finishAll();
    await runner.finishAll();
    expect(await first).toEqual({ value: 'first done' });
    expect(await Promise.all(rest)).toEqual([
      { value: 'x done' },
      { error: 'y refused' },
      { value: 'z done' },
    ]);
  });

  it('runs a member whose lock was busy alone once the group is done', async () => {
    const runner = new Recorder();
    const groups = new GroupCommit(runner, { groups: 1, perGroup: 5 });
    const first = settle(groups.run({ name: 'first' }));
    const rest = [{ name: 'x' }, { name: 'y', busy: true }].map((i) => settle(groups.run(i)));
    await runner.finishAll(); // 'first' ends; the group of x and y begins
    await runner.finishAll(); // x is done; y begins alone, in the same slot
    expect(runner.transactions).toEqual([['first'], ['x', 'y'], ['y']]);
    expect(groups.load).toEqual({ running: 1, waiting: 0 });
    await runner.finishAll();
    expect(await first).toEqual({ value: 'first done' });
    expect(await Promise.all(rest)).toEqual([{ value: 'x done' }, { value: 'y done' }]);
  });

  it('runs each member of a failed group again alone, so that only the culprit fails', async () => {
    const runner = new Recorder();
    const groups = new GroupCommit(runner, { groups: 1, perGroup: 5 });
    const first = settle(groups.run({ name: 'first' }));
    const rest = [{ name: 'x' }, { name: 'y', fails: true }].map((i) => settle(groups.run(i)));
    runner.failGroups = true;
    await runner.finishAll(); // 'first' ends; the group of x and y begins
    await runner.finishAll(); // the group fails; x and y begin alone
    expect(runner.transactions).toEqual([['first'], ['x', 'y'], ['x'], ['y']]);
    await runner.finishAll();
    expect(await first).toEqual({ value: 'first done' });
    expect(await Promise.all(rest)).toEqual([{ value: 'x done' }, { error: 'y refused' }]);
  });
});

describe('shared flush rounds', () => {
  /** Rounds that finish when told to; each call is tagged with the rounds begun before it. */
  function rounds() {
    const finish: (() => void)[] = [];
    let begun = 0;
    const shared = new SharedRounds(async () => {
      begun += 1;
      await new Promise<void>((resolve) => finish.push(resolve));
    });
    const ask = () => {
      const before = begun;
      let answeredAt: number | undefined;
      const done = shared.request().then(() => (answeredAt = begun));
      return { before, done, answered: () => answeredAt };
    };
    const next = async () => {
      finish.shift()?.();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    };
    return { ask, next, begun: () => begun };
  }

  it('starts a round at once when none is in flight, and answers everyone who asked with it', async () => {
    const r = rounds();
    const [a, b] = [r.ask(), r.ask()];
    expect(r.begun()).toBe(1);
    const c = r.ask();
    // b and c asked after the first round began: it proves nothing for their commits.
    await r.next();
    expect(a.answered()).toBe(1);
    expect(b.answered()).toBeUndefined();
    expect(c.answered()).toBeUndefined();
    expect(r.begun()).toBe(2);
    await r.next();
    expect([b.answered(), c.answered()]).toEqual([2, 2]);
    expect(r.begun()).toBe(2);
  });

  it('answers nobody with a round that began before they asked', async () => {
    const r = rounds();
    const calls = [r.ask()];
    for (let round = 0; round < 4; round++) {
      calls.push(r.ask(), r.ask());
      await r.next();
    }
    await r.next();
    await Promise.all(calls.map((c) => c.done));
    for (const c of calls) expect(c.answered()).toBeGreaterThan(c.before);
  });
});
