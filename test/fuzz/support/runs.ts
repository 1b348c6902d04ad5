import fc from 'fast-check';

/**
 * How many cases each fuzz property draws (FUZZ_RUNS) and from which seed (FUZZ_SEED, `random` for
 * a new one each run). The fixed default keeps `npm test` reproducible; exploring with other seeds
 * is how new cases are found, and a failure prints the seed that replays it.
 */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 8);

const seed = process.env.FUZZ_SEED ?? '20261123';
if (seed !== 'random') fc.configureGlobal({ seed: Number(seed) });
