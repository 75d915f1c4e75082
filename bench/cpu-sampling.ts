/**
 * BENCH_CPU_PROFILE=1: the relay under test (real or bare) arms V8's CPU profiler on SIGUSR2.
 * The first signal starts it, the second writes bench/out/NAME-PID.cpuprofile (Chrome DevTools'
 * Performance panel opens it; bench/cpu-profile-top.ts prints where the time went). A bench
 * phase signals around its measured slices, so that the set-up (thousands of HTTP joins) does
 * not drown the steady state, which `--cpu-prof` over the child's whole life would.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

export function armCpuProfiling(name: string): void {
  let session: Session | null = null;
  process.on('SIGUSR2', () => {
    void (async () => {
      if (!session) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 500 });
        await session.post('Profiler.start');
        return;
      }
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = null;
      const dir = join(import.meta.dirname, 'out');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${name}-${process.pid}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.error(`cpu profile: ${file}`);
    })();
  });
}
