import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../../../core/metrics.ts';
import type { Pack } from '../../../core/types.ts';
import { drawResultCard, resultCardModel } from './result-card.ts';
import { endedChallenge, member } from './test-fixtures.ts';

const names = ['Alex', 'Sam', 'Kim', 'Lee', 'Max', 'Noa', 'Ola', 'Pat', 'Ria', 'Tom'];
const members = names.map((name, i) => member(`m${i}`, name));
const pack = { id: 'p', name: 'Hunters', timeZone: 'UTC' } as Pack;
const state = { members, metrics: [...BUILT_IN_METRICS], pack };

describe('what the result card says', () => {
  it.each([
    ['a clear win', { m0: 41, m1: 38 }, 'Alex won 41 to 38 (+3)', ['Alex 41 winner', 'Sam 38']],
    ['a tie', { m0: 7, m1: 7, m2: 2 }, 'Alex and Sam tied at 7', ['Alex 7 winner', 'Sam 7 winner', 'Kim 2']],
    ['nobody scored', { m0: 0, m1: 0 }, 'No result: nobody scored', ['Alex 0', 'Sam 0']],
  ])('%s', (_name, counts, headline, rows) => {
    const card = resultCardModel(endedChallenge('c', counts, { start: 0, end: 86_400_000 }), state);
    expect(card.headline).toBe(headline);
    expect(card.rows.map((r) => `${r.name} ${r.count}${r.winner ? ' winner' : ''}`)).toEqual(rows);
    expect(card.pack).toBe('Hunters');
    expect(card.dates).toBe('Thu 1 Jan 00:00 – Fri 2 Jan 00:00');
    expect(card.fileName).toBe('wolfpack-most-calls-this-week.png');
  });

  it('says the day once when a challenge starts and ends on it', () => {
    const hour = 3_600_000;
    const card = resultCardModel(
      endedChallenge('c', { m0: 3, m1: 1 }, { start: 9 * hour, end: 17 * hour }),
      state,
    );
    expect(card.dates).toBe('Thu 1 Jan 09:00 – 17:00');
  });

  it('names you by name, since the card is shown to people outside the app', () => {
    const card = resultCardModel(endedChallenge('c', { m0: 3, m1: 1 }), state);
    expect(card.summary).toContain('Alex won 3 to 1');
    expect(card.summary).toContain('1. Alex 3, 2. Sam 1');
  });

  it('shows eight rows and counts the rest, so ten names stay legible', () => {
    const counts = Object.fromEntries(members.map((m, i) => [m.id, 20 - i]));
    const card = resultCardModel(endedChallenge('c', counts), state);
    expect(card.rows).toHaveLength(8);
    expect(card.more).toBe(2);
  });
});

/** A canvas context that records the text drawn; every character is 20 px wide. */
function recordingContext() {
  const texts: string[] = [];
  const ctx = {
    fillStyle: '',
    font: '',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    fillRect: () => undefined,
    fillText: (text: string) => texts.push(text),
    measureText: (text: string) => ({ width: text.length * 20 }),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts };
}

describe('drawing the card', () => {
  it('draws the title, the winner line, the dates and every row with its count', () => {
    const { ctx, texts } = recordingContext();
    drawResultCard(ctx, resultCardModel(endedChallenge('c', { m0: 5, m1: 2 }), state));
    expect(texts).toEqual(
      expect.arrayContaining([
        'HUNTERS · WOLFPACK',
        'Most calls this week',
        'Alex won 5 to 2 (+3)',
        'Alex',
        '5',
        'Sam',
        '2',
      ]),
    );
  });

  it('cuts a title too long for the card with an ellipsis', () => {
    const { ctx, texts } = recordingContext();
    const title = 'The longest prospecting challenge title anyone on the floor ever typed';
    drawResultCard(ctx, resultCardModel(endedChallenge('c', { m0: 5, m1: 2 }, { title }), state));
    const drawn = texts.find((t) => t.startsWith('The longest')) ?? '';
    expect(drawn.endsWith('…')).toBe(true);
    expect(drawn.length * 20).toBeLessThanOrEqual(1200 - 2 * 64);
  });
});
