import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway redis-server (Debian package) on a free loopback port, for tests and benchmarks. */
export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would; the data directory stays, so the server can be started again on it. */
  kill(): Promise<void>;
}

export interface RedisOptions {
  /** Listen here (a fault test restarts a killed server where its clients expect it); default a free port. */
  port?: number;
  /** Data directory, kept when the server stops; default a temporary one, removed. */
  dir?: string;
  /** Append-only file, fsync on every write: a killed server comes back with every acknowledged write. */
  durable?: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (d) => { socket.destroy(); resolve(d.toString().startsWith('+PONG')); });
  });
}

export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
  const bin = process.env.REDIS_SERVER_BIN ?? 'redis-server';
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'cds-redis-'));
  const cleanup = () => { if (!options.dir) rmSync(dir, { recursive: true, force: true }); };
  const persistence = options.durable ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = options.port ?? await freePort();
    const child: ChildProcess = spawn(bin, [
      '--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir,
    ], { stdio: 'ignore' });
    let exited = false;
    child.once('exit', () => { exited = true; });
    child.once('error', () => { exited = true; });
    for (let i = 0; i < 100 && !exited; i++) {
      if (await ping(port)) {
        const end = (signal: NodeJS.Signals, after: () => void) => new Promise<void>((resolve) => {
          if (exited) { after(); return resolve(); }
          child.once('exit', () => { after(); resolve(); });
          child.kill(signal);
        });
        return {
          url: `redis://127.0.0.1:${port}`,
          port,
          stop: () => end('SIGTERM', cleanup),
          kill: () => end('SIGKILL', () => {}),
        };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
  }
  throw new Error(`could not start ${bin}: is the redis-server package installed?`);
}
