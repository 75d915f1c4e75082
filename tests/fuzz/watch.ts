import type { FuzzPacks } from './fixture.ts';
import { assertNoProblems, describeChange, healthy } from './probe.ts';

export interface Outcome {
  problems: (string | null)[];
  /** The relay acknowledged a request that may change the attacker's pack. */
  mayChange: boolean;
}

/**
 * Runs one fuzzed message and checks what must hold whatever it was: the relay still answers
 * /healthz, the victim's pack is exactly as it was at the start, and the attacker's pack changed
 * only if the relay acknowledged a request that changes things.
 */
export class Watch {
  readonly #packs: FuzzPacks;
  readonly #victim: string | null;
  #attacker: string | null;
  readonly #url: () => string;

  private constructor(packs: FuzzPacks, victim: string | null, attacker: string | null, url: () => string) {
    this.#packs = packs;
    this.#victim = victim;
    this.#attacker = attacker;
    this.#url = url;
  }

  static async start(packs: FuzzPacks, url: () => string = () => packs.url): Promise<Watch> {
    const victim = await packs.victimSettled();
    if (victim === null) throw new Error("the victim's pack has no state to compare with");
    return new Watch(packs, victim, await packs.attackerSettled(), url);
  }

  /** After the relay was started again: what it holds now is what the next message is compared with. */
  async restarted(): Promise<void> {
    this.#attacker = await this.#packs.attackerSettled();
  }

  async around(context: string, send: () => Promise<Outcome>): Promise<void> {
    if (await this.#packs.ensureAttacker()) this.#attacker = await this.#packs.attackerSettled();
    const before = this.#attacker;
    const { problems, mayChange } = await send();
    if (mayChange) {
      this.#attacker = await this.#packs.attackerSettled();
    } else {
      // A connection the relay closed (as it may, for some messages) is opened again to compare.
      if (!(await this.#packs.reattach()))
        problems.push("the attacker's token stopped working after a refused message");
      const after = await this.#packs.attackerState();
      if (after !== before) {
        problems.push(
          `the attacker's pack changed though no change was acknowledged, ${describeChange(before, after)}`,
        );
      }
    }
    const victim = await this.#packs.victimState();
    if (victim !== this.#victim)
      problems.push(`the victim's pack changed, ${describeChange(this.#victim, victim)}`);
    if (!(await healthy(this.#url()))) problems.push('GET /healthz no longer answers 200');
    assertNoProblems(problems, context);
  }
}
