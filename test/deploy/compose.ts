import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

/** docker-compose.yml as Compose reads it (YAML merge keys resolved), and its variable interpolation. */

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const COMPOSE_FILE = resolve(REPO, 'docker-compose.yml');

const healthcheck = z.object({ test: z.array(z.string()).min(2) });
const service = z.object({
  build: z.string().optional(),
  image: z.string().optional(),
  command: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).default({}),
  ports: z.array(z.string()).default([]),
  volumes: z.array(z.string()).default([]),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).default({}),
  healthcheck: healthcheck.optional(),
});
export type ComposeService = z.infer<typeof service>;

const composeFile = z.object({
  services: z.record(z.string(), service),
  volumes: z.record(z.string(), z.unknown().nullable()).optional(),
});
export type Compose = z.infer<typeof composeFile>;

export function loadCompose(file = COMPOSE_FILE): Compose {
  return composeFile.parse(parse(readFileSync(file, 'utf8'), { merge: true }));
}

/** Every `${…}` in a value: the variable and, for `:?`, that it is required. */
export function variablesIn(value: string): { name: string; required: boolean; fallback?: string }[] {
  return [...value.matchAll(/\$\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?\}/g)].map(([, name, op, rest]) => ({
    name, required: op?.endsWith('?') ?? false, ...(op?.endsWith('-') && { fallback: rest }),
  }));
}

/** Compose's interpolation: `${V}`, `${V:-default}`, `${V:?message}` (missing → error), `$$` → `$`. */
export function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(/\$\$|\$\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?\}/g, (_whole, name: string | undefined, op: string | undefined, rest: string) => {
    if (!name) return '$';
    const v = vars[name];
    const set = op?.startsWith(':') ? !!v : v !== undefined;
    if (set) return v!;
    if (op?.endsWith('?')) throw new Error(`${name} is required: ${rest}`);
    return op?.endsWith('-') ? rest : '';
  });
}

/** A service's environment with the variables interpolated. */
export function environmentOf(svc: ComposeService, vars: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(svc.environment).map(([k, v]) => [k, interpolate(v, vars)]));
}

/** `host:container[:mode]` volume entries. */
export function bindMounts(svc: ComposeService, vars: Record<string, string | undefined>) {
  return svc.volumes.map((entry) => {
    const [source, target, mode] = interpolate(entry, vars).split(':');
    return { source, target, readOnly: mode === 'ro' };
  });
}

/** URLs of other services in an environment value (`scheme://host:port…`). */
export function urlsIn(value: string): URL[] {
  return [...value.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"']+/g)].map(([u]) => new URL(u));
}
