import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The spec texts are read at test time, never copied into the project: beside the repository
 * (`../shared/spec`), or in the shared workspace when the repository is a clone elsewhere (as CI's is).
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const candidates = [resolve(repoRoot, '../shared/spec'), '/work/shared/spec'];
export const SPEC_DIR = candidates.find((dir) => existsSync(dir)) ?? candidates[0];

export function readSpec(file = 'cds-wg3-01-customer-data.md'): string {
  return readFileSync(resolve(SPEC_DIR, file), 'utf8');
}
