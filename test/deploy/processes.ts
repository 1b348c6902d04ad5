import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { freePort } from '../support/redis';
import { bindMounts, environmentOf, REPO, urlsIn, type Compose } from './compose';

/**
 * The compose topology without Docker: each part as its own child process, started the way the
 * image starts it (the Dockerfile's CMD), with the environment the compose file gives it, service
 * host names rewritten to free loopback ports and bind mounts to their host folders.
 */

export interface PartProcess {
  name: string;
  port: number;
  url: string;
  env: Record<string, string>;
  child: ChildProcess;
  /** stdout and stderr so far, for failure messages. */
  output(): string;
}

/** The image's CMD (exec form), with `node` as this Node. */
export function imageCommand(): string[] {
  const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(readFileSync(resolve(REPO, 'Dockerfile'), 'utf8'));
  const argv = z.array(z.string()).min(2).parse(JSON.parse(cmd![1]));
  return argv[0] === 'node' ? [process.execPath, ...argv.slice(1)] : argv;
}

/** Loopback addresses for the compose services: a free port for each part, `redisUrl` for Redis. */
export async function assignAddresses(compose: Compose, redisUrl: string): Promise<Map<string, string>> {
  const addresses = new Map<string, string>();
  for (const [name, svc] of Object.entries(compose.services)) {
    addresses.set(name, svc.build === undefined ? redisUrl : `127.0.0.1:${await freePort()}`);
  }
  return addresses;
}

/** A part's compose environment on this machine: other services' URLs point at their loopback addresses. */
export function localEnvironment(compose: Compose, name: string, vars: Record<string, string>, addresses: Map<string, string>): Record<string, string> {
  const svc = compose.services[name];
  const env = environmentOf(svc, vars);
  for (const [key, value] of Object.entries(env)) {
    for (const url of urlsIn(value)) {
      const target = addresses.get(url.hostname);
      if (!target) continue;
      const local = target.includes('://') ? new URL(target) : new URL(`${url.protocol}//${target}`);
      env[key] = env[key].replace(`${url.protocol}//${url.host}`, `${local.protocol}//${local.host}`);
    }
  }
  for (const mount of bindMounts(svc, vars)) {
    const source = isAbsolute(mount.source) ? mount.source : resolve(REPO, mount.source);
    for (const [key, value] of Object.entries(env)) if (value === mount.target) env[key] = source;
  }
  const [host, port] = addresses.get(name)!.split(':');
  return { ...env, HOST: host, PORT: port };
}

export function startPart(name: string, env: Record<string, string>): PartProcess {
  const [command, ...args] = imageCommand();
  // Only what a container would have: its environment, plus PATH for the tools node finds.
  const child = spawn(command, args, { cwd: REPO, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  return { name, port: Number(env.PORT), url: `http://127.0.0.1:${env.PORT}`, env, child, output: () => output };
}

/** Resolves once the part answers /healthz with 200; rejects with its output if it exits first. */
export async function waitHealthy(part: PartProcess, attempts = 600): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (part.child.exitCode !== null) throw new Error(`${part.name} exited with ${part.child.exitCode}:\n${part.output()}`);
    const res = await fetch(`${part.url}/healthz`).catch(() => null);
    if (res?.status === 200) return;
    await sleep(250);
  }
  throw new Error(`${part.name} never became healthy:\n${part.output()}`);
}

/** Runs a compose health check (`CMD` form) on this machine with the part's environment; its exit code. */
export async function runHealthcheck(test: string[], env: Record<string, string>): Promise<number> {
  const [kind, command, ...args] = test;
  if (kind !== 'CMD') throw new Error(`unsupported health check form ${kind}`);
  const child = spawn(command === 'node' ? process.execPath : command, args, { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
  const [code] = await once(child, 'exit') as [number];
  return code;
}

export async function stopPart(part: PartProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (part.child.exitCode !== null || part.child.signalCode !== null) return part.child.exitCode;
  const exited = once(part.child, 'exit') as Promise<[number | null]>;
  part.child.kill(signal);
  const [code] = await exited;
  return code;
}
