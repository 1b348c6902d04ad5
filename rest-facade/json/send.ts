import type { Response } from 'express';
import { stringifyExact } from './stringify';

/** `res.status(status).json(body)` with decimals written as exact number tokens. */
export function sendExactJson(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json; charset=utf-8').send(stringifyExact(body));
}
