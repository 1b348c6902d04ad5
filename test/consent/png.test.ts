import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS_DIR } from './support/pages';
import { decodePng, samePicture, type Pixels } from './support/png';

/**
 * The screenshot comparison that keeps `docs/screenshots` unchanged across runs: real Chromium
 * screenshots decoded, and re-encoded here (filter 0) with pixels nudged.
 */

const shot = (name: string) => readFileSync(resolve(SCREENSHOTS_DIR, `${name}.png`));

function encode(p: Pixels): Buffer {
  const stride = p.width * p.channels;
  const rows = Buffer.concat(Array.from({ length: p.height }, (_, y) => Buffer.concat([Buffer.from([0]), p.data.subarray(y * stride, (y + 1) * stride)])));
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]); // the decoder does not read CRCs
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(p.width, 0);
  header.writeUInt32BE(p.height, 4);
  header[8] = 8;
  header[9] = p.channels === 4 ? 6 : 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

function nudged(png: Buffer, by: number): Buffer {
  const pixels = decodePng(png);
  const data = Buffer.from(pixels.data);
  const i = Math.floor(data.length / 2);
  data[i] = data[i] > 127 ? data[i] - by : data[i] + by;
  return encode({ ...pixels, data });
}

describe('screenshot comparison', () => {
  it('reads a Chromium screenshot at its size', () => {
    const login = decodePng(shot('login-desktop'));
    expect(login.width).toBe(1280);
    expect(login.height).toBeGreaterThanOrEqual(900);
    expect(login.data.length).toBe(login.width * login.height * login.channels);
  });

  it('treats anti-aliasing noise as the same picture and anything more as a new one', () => {
    const login = shot('login-desktop');
    expect(samePicture(login, login)).toBe(true);
    expect(samePicture(login, encode(decodePng(login)))).toBe(true);
    expect(samePicture(login, nudged(login, 3))).toBe(true);
    expect(samePicture(login, nudged(login, 40))).toBe(false);
    expect(samePicture(login, shot('login-error-desktop'))).toBe(false);
    expect(samePicture(login, shot('login-mobile'))).toBe(false);
  });
});
