/**
 * How often each kind of answer came back, printed after a long run (or with
 * WOLFPACK_FUZZ_STATS=1): a fuzzer whose inputs all bounce off the first check tests little,
 * and this is where that shows.
 */
export class Tally {
  readonly #counts = new Map<string, number>();
  readonly #title: string;

  constructor(title: string) {
    this.#title = title;
  }

  count(key: string): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  print(): void {
    if (process.env.MODE !== 'fuzz' && !process.env.WOLFPACK_FUZZ_STATS) return;
    const lines = [...this.#counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `  ${k}: ${v}`);
    console.log(`${this.#title}\n${lines.join('\n')}`);
  }
}
