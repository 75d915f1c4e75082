import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  blocking,
  findingsFromCsv,
  parseCsv,
  scan,
  toCsv,
  type Accepted,
  type Finding,
} from './check-security.ts';

const finding = (id: string, severity: string, file = 'dist/electron/main/index.js'): Finding => ({
  id,
  severity,
  confidence: 'FIRM',
  file,
  line: 3,
  column: 4,
  sample: 'new BrowserWindow({ a: "b", c })\nnext',
  description: 'Review, carefully',
});

describe('the electronegativity report', () => {
  it('round-trips findings through CSV, quotes, commas and newlines included', () => {
    const findings = [finding('A_CHECK', 'HIGH'), finding('B_CHECK', 'LOW')];
    expect(findingsFromCsv(toCsv(findings))).toEqual(findings);
  });

  it('parses quoted fields', () => {
    expect(parseCsv('a,"b ""c"", d"\r\n"x\ny",z\n')).toEqual([
      ['a', 'b "c", d'],
      ['x\ny', 'z'],
    ]);
  });
});

describe('blocking', () => {
  const accepted: Accepted[] = [{ id: 'PRELOAD_JS_CHECK', file: 'main.js', count: 1, reason: 'reviewed' }];

  it.each([
    ['INFORMATIONAL', false],
    ['LOW', false],
    ['MEDIUM', true],
    ['HIGH', true],
    ['SOMETHING_NEW', true],
  ])('a %s finding blocks: %s', (severity, blocks) => {
    expect(blocking([finding('X_CHECK', severity)], [])).toHaveLength(blocks ? 1 : 0);
  });

  it('lets an accepted finding through, but not one more of its kind', () => {
    const one = [finding('PRELOAD_JS_CHECK', 'MEDIUM', 'main.js')];
    expect(blocking(one, accepted)).toEqual([]);
    expect(blocking([...one, ...one], accepted)).toHaveLength(2);
    expect(blocking([finding('PRELOAD_JS_CHECK', 'MEDIUM', 'other.js')], accepted)).toHaveLength(1);
  });

  it('matches the code sample when the rule names one', () => {
    const rule: Accepted[] = [{ id: 'D', file: 'child.js', sample: 'redis.eval(', count: 1, reason: 'lua' }];
    const redis = { ...finding('D', 'MEDIUM', 'child.js'), sample: 'return redis.eval(TAKE, {})' };
    const js = { ...finding('D', 'MEDIUM', 'child.js'), sample: 'eval(userInput)' };
    expect(blocking([redis], rule)).toEqual([]);
    expect(blocking([redis, js], rule)).toEqual([js]);
  });
});

describe('scan', () => {
  it('catches an insecure window (the check is not a silent pass)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'wolfpack-eng-'));
    try {
      await writeFile(
        path.join(dir, 'main.js'),
        "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n",
      );
      const { findings, unparsed } = await scan(path.join(import.meta.dirname, '..'), dir);
      expect(unparsed).toEqual([]);
      const ids = blocking(findings, []).map((f) => f.id);
      expect(ids).toEqual(
        expect.arrayContaining([
          'CONTEXT_ISOLATION_JS_CHECK',
          'SANDBOX_JS_CHECK',
          'LIMIT_NAVIGATION_GLOBAL_CHECK',
        ]),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
