import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../server/storage/sqlite.ts';
import { PG_URL, createSchema, pgUnavailable } from './helpers/pg.ts';
import { runCli } from './helpers/profile-cli.ts';
import { makeTempDir, removeTempDirs } from './helpers/profile-dirs.ts';
import { connect, createPack, logEvent, removeDir, request, testRelay } from './helpers/relay.ts';

/** GET /healthz as a balancer or a monitor reads it. */
async function health(url: string): Promise<{ status: number; body: { ok: boolean; reason?: string } }> {
  const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: (await res.json()) as { ok: boolean; reason?: string } };
}

afterAll(removeTempDirs);

describe('a damaged SQLite database', () => {
  /** A relay's database with one page overwritten, as a failing disk or a bad copy leaves it. */
  async function damagedDatabase(page: 'header' | 'table'): Promise<string> {
    const path = join(await makeTempDir('wolfpack-damaged-'), 'relay.sqlite');
    await SqliteStorage.open(path).close();
    const db = new DatabaseSync(path);
    const { page_size: size } = db.prepare('pragma page_size').get() as { page_size: number };
    const { rootpage } = db
      .prepare("select rootpage from sqlite_master where type = 'table' and name = 'packs'")
      .get() as { rootpage: number };
    db.close();
    const fd = openSync(path, 'r+');
    if (page === 'header') writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
    else writeSync(fd, Buffer.alloc(size, 0x5a), 0, size, (rootpage - 1) * size);
    closeSync(fd);
    return path;
  }

  it.each([['table'], ['header']] as const)(
    'with a damaged %s page: `wolfpack server` refuses to start and says to restore a backup',
    async (page) => {
      const path = await damagedDatabase(page);
      const run = await runCli(['server', '--port', '0', '--db', path, '--log-level', 'silent']);
      expect(run.code).toBe(1);
      expect(run.stdout).not.toContain('listening');
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^wolfpack: the relay could not start: the database ${path} is damaged \\(.+\\): restore it from a backup`,
        ),
      );
      expect(lines[0]).toContain('docs/deploy.md');
    },
  );
});

/**
 * A real full disk: `wolfpack server` in a mount namespace of its own, its data folder a small
 * tmpfs that the test fills through /proc/PID/root. Needs unprivileged user namespaces (or root).
 */
const NODE = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const namespaces = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt'], {
  encoding: 'utf8',
});
const noNamespace =
  namespaces.error?.message ?? (namespaces.status === 0 ? null : namespaces.stderr.trim() || 'failed');

(noNamespace ? describe.skip : describe)(
  noNamespace
    ? `a full disk (skipped: cannot mount a small tmpfs in a namespace: ${noNamespace})`
    : 'a full disk',
  () => {
    it('turns /healthz to 503 with the reason, and back to 200 once there is room', async () => {
      const dir = await makeTempDir('wolfpack-full-disk-');
      const script = `mount -t tmpfs -o size=8m tmpfs "$0" && cd "$1" && exec "$2" cli/main.ts server --port 0 --db "$0/relay.sqlite" --log-level silent`;
      const child = spawn('unshare', ['-rm', 'sh', '-c', script, dir, ROOT, NODE], { stdio: 'pipe' });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          child.stdout.on('data', () => {
            const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
            if (found) resolve(found);
          });
          child.once('exit', (code) => reject(new Error(`the relay exited with ${code}: ${out}`)));
        });
        const alex = await createPack(url, 'Alex');
        const socket = await connect(url, alex.token);
        expect(await health(url)).toEqual({ status: 200, body: { ok: true } });

        // Fill the disk that the relay sees, to the last byte.
        const filler = `/proc/${child.pid}/root${dir}/filler`;
        const fd = openSync(filler, 'w');
        try {
          for (;;) writeSync(fd, Buffer.alloc(64 * 1024));
        } catch (error) {
          expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
        } finally {
          closeSync(fd);
        }

        // Logs fail once the WAL needs room it cannot have.
        let refused: { code: string } | null = null;
        for (let i = 0; i < 100 && !refused; i++) {
          const ack = await request(socket, 'activity:log', {
            events: Array.from({ length: 100 }, () => logEvent('call')),
          });
          if (!ack.ok) refused = ack.error;
        }
        expect(refused?.code).toBe('internal');
        const full = await health(url);
        expect(full.status).toBe(503);
        expect(full.body).toEqual({
          ok: false,
          reason: expect.stringContaining('the disk holding the database is full'),
        });

        rmSync(filler);
        expect(await health(url)).toEqual({ status: 200, body: { ok: true } });
        expect((await request(socket, 'activity:log', { events: [logEvent('call')] })).ok).toBe(true);
        socket.close();
      } finally {
        child.kill('SIGKILL');
      }
    });
  },
);

/** A TCP hop between the relay and PostgreSQL that the test can cut and mend: a lost network. */
class Hop {
  #server: Server | null = null;
  readonly #sockets = new Set<Socket>();
  port = 0;

  async up(target: { host: string; port: number }): Promise<void> {
    const server = createServer((client) => {
      const upstream = tcpConnect(target.port, target.host);
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('error', () => s.destroy());
        s.on('close', () => this.#sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.#server = server;
  }

  async down(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

const noPg = await pgUnavailable();

(noPg ? describe.skip : describe)(
  noPg ? `PostgreSQL gone (skipped: no PostgreSQL at ${PG_URL}: ${noPg})` : 'PostgreSQL gone',
  () => {
    it('turns /healthz to 503 with the reason while the database cannot be reached, 200 once it can', async () => {
      const schema = await createSchema();
      const hop = new Hop();
      const pgUrl = new URL(schema.url);
      await hop.up({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
      pgUrl.hostname = '127.0.0.1';
      pgUrl.port = String(hop.port);
      const relay = await testRelay({ databaseUrl: pgUrl.toString() });
      try {
        expect(await health(relay.url)).toEqual({ status: 200, body: { ok: true } });
        await hop.down();
        const gone = await health(relay.url);
        expect(gone.status).toBe(503);
        expect(gone.body).toEqual({
          ok: false,
          reason: expect.stringContaining('PostgreSQL cannot be reached'),
        });
        await hop.up({ host: new URL(schema.url).hostname, port: Number(new URL(schema.url).port || 5432) });
        expect(await health(relay.url)).toEqual({ status: 200, body: { ok: true } });
        expect((await createPack(relay.url, 'Alex')).token).toBeTruthy();
      } finally {
        await relay.close();
        await hop.down();
        removeDir(relay.dir);
        await schema.drop();
      }
    });
  },
);
