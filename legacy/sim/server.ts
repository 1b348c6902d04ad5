import express, { type NextFunction, type Request, type Response } from 'express';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { applyChange, CHANGE_KINDS, ChangeError } from '../generator/changes';
import type { Utility } from '../generator/utility';
import { defaultKnobs, FaultDice, knobsUpdateSchema, type Knobs, type KnobsUpdate } from './knobs';
import { describe, HttpError, parseParams } from './params';

/**
 * The HTTP shell every simulator shares: routes are counted and pass through the fault knobs
 * (outage, latency, error rate) before their handler; `/_sim` control endpoints are neither
 * counted nor faulted; every error is rendered in the simulator's own error style.
 */

export interface SimulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  knobs?: KnobsUpdate;
}

export interface CounterSnapshot {
  total: number;
  byEndpoint: Record<string, number>;
}

export class CallCounters {
  total = 0;
  byEndpoint: Record<string, number> = {};
  count(endpoint: string) {
    this.total++;
    this.byEndpoint[endpoint] = (this.byEndpoint[endpoint] ?? 0) + 1;
  }
  reset() {
    this.total = 0;
    this.byEndpoint = {};
  }
  snapshot(): CounterSnapshot {
    return { total: this.total, byEndpoint: { ...this.byEndpoint } };
  }
}

export interface RunningSimulator {
  name: string;
  url: string;
  counters: CallCounters;
  /** Live knobs: assign fields to change behaviour in-process. */
  knobs: Knobs;
  close(): Promise<void>;
}

export type Handler = (req: Request, res: Response) => unknown;

export interface Routes {
  get(path: string, handler: Handler): void;
  post(path: string, handler: Handler): void;
}

export interface SimulatorSpec {
  name: string;
  utility: Utility;
  /** The system's native error body. */
  errorBody(status: number, message: string): unknown;
  routes(routes: Routes): void;
}

const changeSchema = z.object({ kind: z.enum(CHANGE_KINDS), target: z.string().min(1).max(100).optional() }).strict();

export async function startSimulator(spec: SimulatorSpec, options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const counters = new CallCounters();
  const knobs: Knobs = { ...defaultKnobs(), ...parseParams(knobsUpdateSchema, options.knobs ?? {}) };
  const dice = new FaultDice(spec.name);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: '1mb' }));

  const control = express.Router();
  control.get('/counters', (_req, res) => void res.json(counters.snapshot()));
  control.post('/counters/reset', (_req, res) => {
    counters.reset();
    res.json(counters.snapshot());
  });
  control.get('/knobs', (_req, res) => void res.json(knobs));
  control.post('/knobs', (req, res) => {
    Object.assign(knobs, parseParams(knobsUpdateSchema, req.body ?? {}));
    res.json(knobs);
  });
  control.post('/changes', (req, res) => {
    const { kind, target } = parseParams(changeSchema, req.body ?? {});
    try {
      res.json(applyChange(spec.utility, kind, target));
    } catch (err) {
      if (err instanceof ChangeError) throw new HttpError(409, err.message);
      throw err;
    }
  });
  app.use('/_sim', control);
  // Liveness for deployments that run a simulator as its own service; like /_sim, never faulted.
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok', system: spec.name }));

  /** Outage, latency and injected errors; true when the call was consumed by a fault. */
  const faults = async (req: Request, res: Response): Promise<boolean> => {
    if (knobs.outage === 'reset') {
      req.socket.destroy();
      return true;
    }
    if (knobs.outage === 'hang') return true;
    if (knobs.latencyMs > 0) {
      // A caller that gives up (or close()) ends the wait; the timer never keeps the process alive.
      const gone = new AbortController();
      res.once('close', () => gone.abort());
      try {
        await sleep(knobs.latencyMs, undefined, { ref: false, signal: gone.signal });
      } catch {
        return true;
      }
    }
    const status = dice.roll(knobs.errorRate);
    if (status) {
      res.status(status).json(spec.errorBody(status, status === 503 ? 'service temporarily unavailable (injected fault)' : 'internal error (injected fault)'));
      return true;
    }
    return false;
  };

  const wrap = (method: string, path: string, handler: Handler) => async (req: Request, res: Response) => {
    counters.count(`${method} ${path}`);
    if (await faults(req, res)) return;
    const body = await handler(req, res);
    if (body !== undefined && !res.headersSent) res.json(body);
  };
  spec.routes({
    get: (path, handler) => void app.get(path, wrap('GET', path, handler)),
    post: (path, handler) => void app.post(path, wrap('POST', path, handler)),
  });

  app.use(async (req: Request, res: Response) => {
    counters.count('unmatched');
    if (await faults(req, res)) return;
    res.status(404).json(spec.errorBody(404, `no such endpoint: ${req.method} ${req.path}`));
  });

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    const status = err instanceof HttpError ? err.status
      : err instanceof z.ZodError ? 400
      : typeof err === 'object' && err && 'type' in err && err.type === 'entity.parse.failed' ? 400
      : typeof err === 'object' && err && 'status' in err && typeof err.status === 'number' && err.status < 500 ? err.status
      : 500;
    const message = err instanceof z.ZodError ? describe(err)
      : status === 400 && !(err instanceof HttpError) ? 'request body is not valid JSON'
      : status === 500 ? 'internal error'
      : (err as Error).message;
    if (status === 500) process.stderr.write(`[${spec.name}] ${(err as Error)?.stack ?? err}\n`);
    res.status(status).json(spec.errorBody(status, message));
  });

  const server = app.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    name: spec.name,
    url: `http://${host}:${port}`,
    counters,
    knobs,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
