import { z } from 'zod';
import { Rng } from '../generator/random';

/** Fault knobs of a simulator: added latency, a share of failed calls, an outage. */
export const knobsSchema = z.object({
  latencyMs: z.number().int().min(0).max(60_000),
  errorRate: z.number().min(0).max(1),
  /** false: up; "reset": connections are destroyed without an answer; "hang": calls are never answered. */
  outage: z.union([z.literal(false), z.literal('reset'), z.literal('hang')]),
});

export type Knobs = z.infer<typeof knobsSchema>;

/** A knobs update: any subset; `outage: true` means "reset". */
export const knobsUpdateSchema = z
  .object({
    latencyMs: knobsSchema.shape.latencyMs,
    errorRate: knobsSchema.shape.errorRate,
    outage: z.union([z.boolean(), z.literal('reset'), z.literal('hang')]).transform((v) => (v === true ? 'reset' : v)),
  })
  .partial()
  .strict();

export type KnobsUpdate = z.input<typeof knobsUpdateSchema>;

export function defaultKnobs(): Knobs {
  return { latencyMs: 0, errorRate: 0, outage: false };
}

/** Decides which calls fail; seeded per simulator so a run with the same knobs fails the same calls. */
export class FaultDice {
  private readonly rng: Rng;
  constructor(name: string) {
    this.rng = new Rng(`faults/${name}`);
  }
  /** 500 or 503 when this call should fail, else null. */
  roll(errorRate: number): 500 | 503 | null {
    if (errorRate <= 0) return null;
    const x = this.rng.float();
    if (x >= errorRate) return null;
    return this.rng.chance(0.5) ? 500 : 503;
  }
}
