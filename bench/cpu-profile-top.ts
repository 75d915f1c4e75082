/**
 * Where a relay's time went, from a .cpuprofile (bench/cpu-sampling.ts): the functions with the
 * most self time, the same by source file (or package), and the share of garbage collection.
 * Usage: node bench/cpu-profile-top.ts FILE.cpuprofile [TOP]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
if (!file || !Number.isInteger(top) || top < 1) {
  console.error('usage: node bench/cpu-profile-top.ts FILE.cpuprofile [TOP]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);

/** A package for node_modules, else the path inside the repository, else V8's own label. */
function where(url: string): string {
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const repo = /\/(server|core|bench|client)\/(.+)$/.exec(url);
  if (repo) return `${repo[1]}/${repo[2]}`;
  return url.replace(/^node:/, 'node:');
}

// Each sample's delta is the time until the next sample: it belongs to the sampled node.
const fns = new Map<string, number>();
const files = new Map<string, number>();
/** For each function, its self time by the chain of (up to four) callers it was called from. */
const callers = new Map<string, Map<string, number>>();
let total = 0;
const label = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'}  ${where(url)}${url ? `:${lineNumber + 1}` : ''}`;
};
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i + 1] ?? 0;
  const node = byId.get(id);
  if (!node) return;
  const { functionName, url } = node.callFrame;
  const name = label(node);
  fns.set(name, (fns.get(name) ?? 0) + us);
  const from = callers.get(name) ?? new Map<string, number>();
  const chain: string[] = [];
  for (let up = byId.get(parentOf.get(id) ?? -1); up && chain.length < 4;) {
    chain.push(label(up));
    up = byId.get(parentOf.get(up.id) ?? -1);
  }
  const caller = chain.length ? chain.join('\n               < ') : '(root)';
  from.set(caller, (from.get(caller) ?? 0) + us);
  callers.set(name, from);
  // Native functions (SQLite's exec, a socket's writev) by name: together they say nothing.
  const group = url ? where(url) : functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  files.set(group, (files.get(group) ?? 0) + us);
  total += us;
});

const idle = fns.get('(idle)  (native)') ?? 0;
const busy = total - idle;
const pct = (us: number, of: number): string => `${((us / of) * 100).toFixed(1)}%`;
const ms = (us: number): string => `${(us / 1000).toFixed(0)} ms`;
console.log(`profile ${ms(total)}, busy ${ms(busy)} (${pct(busy, total)}), shares below are of busy time`);
const gc = fns.get('(garbage collector)  (native)') ?? 0;
console.log(`garbage collector: ${ms(gc)} (${pct(gc, busy)})`);
const print = (title: string, m: Map<string, number>): void => {
  console.log(`\n${title}`);
  const rows = [...m].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]);
  for (const [k, us] of rows.slice(0, top))
    console.log(`${pct(us, busy).padStart(6)} ${ms(us).padStart(9)}  ${k}`);
};
print('self time by function', fns);
print('self time by file or package', files);
console.log('\ncallers of the top functions');
const leaders = [...fns].filter(([k]) => !k.startsWith('(')).sort((a, b) => b[1] - a[1]);
for (const [name] of leaders.slice(0, 8)) {
  const from = [...(callers.get(name) ?? [])].sort((a, b) => b[1] - a[1]).slice(0, 3);
  console.log(`${name}\n${from.map(([c, us]) => `    ${ms(us).padStart(9)}  from ${c}`).join('\n')}`);
}
