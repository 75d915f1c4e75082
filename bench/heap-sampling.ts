/**
 * BENCH_HEAP=promoted (or =all): the relay under test samples its allocations with V8's sampling
 * heap profiler and, when it stops, writes them to bench/out/relay-PID-MODE.heapprofile (open it
 * in Chrome DevTools' Memory panel). "promoted" keeps only what outlived a young-generation
 * collection (the objects that make those collections slow, plus whatever was still young at a
 * full collection); "all" keeps every sampled allocation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

export async function startHeapSampling(mode: string): Promise<{ stop(): Promise<string> }> {
  if (mode !== 'promoted' && mode !== 'all')
    throw new Error(`BENCH_HEAP must be promoted or all, not ${mode}`);
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: mode === 'all',
  });
  return {
    async stop() {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      session.disconnect();
      const dir = join(import.meta.dirname, 'out');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `relay-${process.pid}-${mode}.heapprofile`);
      writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}
