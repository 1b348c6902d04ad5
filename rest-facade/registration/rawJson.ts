import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

/**
 * A decimal that must reach the wire as the exact number token it was given (§2: decimals keep
 * their precision and never pass through a float, so `12.50` stays `12.50`). Node 20 has no
 * JSON.rawJSON, so the serializer swaps a per-process sentinel string for the literal.
 */
export class RawNumber {
  static readonly PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
  constructor(readonly literal: string) {
    if (!RawNumber.PATTERN.test(literal)) throw new Error(`not a JSON number: ${literal}`);
  }
}

const sentinel = `rawnum-${randomBytes(6).toString('hex')}:`;
const sentinelToken = new RegExp(`"${sentinel}([-+.0-9eE]+)"`, 'g');

export function stringifyJson(value: unknown, space?: number): string {
  const text = JSON.stringify(
    value,
    function replacer(this: Record<string, unknown>, key: string, v: unknown) {
      const original = this[key];
      return original instanceof RawNumber ? `${sentinel}${original.literal}` : v;
    },
    space,
  );
  return text.replace(sentinelToken, '$1');
}

/** Sends a JSON body through the raw-number serializer. */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json; charset=utf-8').send(stringifyJson(body));
}
