/** The demo pipeline's seeded PRNG (mulberry32), so generated graphs and traces match on every run. */
export { mulberry32, randInt, type Rng } from '../../demo/src/prng';
