import { z } from 'zod';
import type { RegistrationField } from '../scopes';

/** Checks one submitted value against its field; returns the problem or null. */
export type FieldFormatCheck = (value: unknown, field: RegistrationField) => string | null;

const url = z.url({ protocol: /^https?$/ });
const email = z.email();

function decodedBase64(value: unknown): Buffer | null {
  return typeof value === 'string' && z.base64().safeParse(value).success ? Buffer.from(value, 'base64') : null;
}

const tooLong = (value: string, field: RegistrationField) =>
  field.max_length !== undefined && value.length > field.max_length ? `longer than ${field.max_length} characters` : null;

const tooBig = (bytes: Buffer, field: RegistrationField) =>
  field.max_size !== undefined && bytes.length > field.max_size ? `larger than ${field.max_size} bytes` : null;

const isPng = (b: Buffer) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
const isJpeg = (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';

const choiceIds = (field: RegistrationField) => new Set((field.choices ?? []).map((c) => c.id));

/** The non-null formats of cds-wg1-02 §3.7; each `*_or_null` variant also accepts null. */
const base: Record<string, FieldFormatCheck> = {
  string: (v, f) => (typeof v === 'string' ? tooLong(v, f) : 'must be a string'),
  string_list: (v) => (Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string') ? null : 'must be a non-empty list of strings'),
  url: (v, f) => (typeof v === 'string' && url.safeParse(v).success ? tooLong(v, f) : 'must be a URL'),
  email: (v, f) => (typeof v === 'string' && email.safeParse(v).success ? tooLong(v, f) : 'must be an email address'),
  boolean: (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
  image: (v, f) => {
    const bytes = decodedBase64(v);
    return bytes && (isPng(bytes) || isJpeg(bytes)) ? tooBig(bytes, f) : 'must be a Base64 PNG or JPEG image';
  },
  pdf: (v, f) => {
    const bytes = decodedBase64(v);
    return bytes && isPdf(bytes) ? tooBig(bytes, f) : 'must be a Base64 PDF document';
  },
  choice: (v, f) => (typeof v === 'string' && choiceIds(f).has(v) ? null : 'must be one of the choices'),
  choice_list: (v, f) => {
    const ids = choiceIds(f);
    return Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === 'string' && ids.has(c)) ? null : 'must be a non-empty list of choices';
  },
};

/** Every format checker, extended by providers' own formats (§10: formats are extensible). */
export function fieldFormatChecks(extra: Record<string, FieldFormatCheck> = {}): Record<string, FieldFormatCheck> {
  const checks: Record<string, FieldFormatCheck> = { ...base };
  for (const [name, check] of Object.entries(base)) {
    checks[`${name}_or_null`] = (v, f) => (v === null ? null : check(v, f));
  }
  return { ...checks, ...extra };
}
