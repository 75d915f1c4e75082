/**
 * Runs inside the relay child: once a second, one JSON line on stdout with how busy the relay's
 * event loop was (utilisation, worst lag) and, with BENCH_PROFILE=1, how much of that time went
 * into SQLite (statements, and commits, where WAL with synchronous=FULL calls fsync).
 */
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DatabaseSync, StatementSync } from 'node:sqlite';

export interface RelayStats {
  /** Unix ms at the end of the second. */
  t: number;
  /** Share of the second the event loop was busy (0..1), sync I/O included. */
  elu: number;
  lagMaxMs: number;
  /** Garbage collection during the second: its longest pause, and all its pauses together. */
  gcMaxMs: number;
  gcMs: number;
  /** The V8 heap in use at the end of the second, MB (a steady climb under steady load is a leak). */
  heapMb: number;
  /** BENCH_PROFILE=1 only: ms spent in SQLite statements and in commits during the second. */
  sqlMs?: number;
  commitMs?: number;
  commitMaxMs?: number;
  commits?: number;
}

const sql = { ms: 0, commitMs: 0, commitMax: 0, commits: 0 };

/**
 * Wraps node:sqlite's synchronous calls with timers. Call before the relay opens its database.
 * `pragmas` (experiments only, e.g. ['synchronous = normal']) are applied after each pragma the
 * relay sets, so they win over its own settings.
 */
export function profileSqlite(pragmas: string[] = []): void {
  const exec = DatabaseSync.prototype.exec;
  DatabaseSync.prototype.exec = function (this: DatabaseSync, text: string) {
    const t0 = performance.now();
    try {
      const result = exec.call(this, text);
      if (text.startsWith('pragma ')) for (const p of pragmas) exec.call(this, `pragma ${p}`);
      return result;
    } finally {
      const ms = performance.now() - t0;
      sql.ms += ms;
      if (text === 'commit') {
        sql.commitMs += ms;
        sql.commits++;
        sql.commitMax = Math.max(sql.commitMax, ms);
      }
    }
  };
  for (const name of ['run', 'get', 'all'] as const) {
    const original = StatementSync.prototype[name] as (...args: unknown[]) => unknown;
    (StatementSync.prototype as unknown as Record<string, unknown>)[name] = function (
      this: StatementSync,
      ...args: unknown[]
    ) {
      const t0 = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        sql.ms += performance.now() - t0;
      }
    };
  }
}

export function reportStats(profiled: boolean): void {
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  let last = performance.eventLoopUtilization();
  const gc = { max: 0, total: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.max = Math.max(gc.max, entry.duration);
      gc.total += entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const stats: RelayStats = {
      t: Date.now(),
      elu: Math.round(performance.eventLoopUtilization(now, last).utilization * 1000) / 1000,
      lagMaxMs: Math.round(lag.max / 1e5) / 10,
      gcMaxMs: Math.round(gc.max * 10) / 10,
      gcMs: Math.round(gc.total),
      heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    };
    Object.assign(gc, { max: 0, total: 0 });
    if (profiled) {
      Object.assign(stats, {
        sqlMs: Math.round(sql.ms),
        commitMs: Math.round(sql.commitMs),
        commitMaxMs: Math.round(sql.commitMax * 10) / 10,
        commits: sql.commits,
      });
      Object.assign(sql, { ms: 0, commitMs: 0, commitMax: 0, commits: 0 });
    }
    last = now;
    lag.reset();
    process.stdout.write(`${JSON.stringify(stats)}\n`);
  }, 1000);
  timer.unref();
}
