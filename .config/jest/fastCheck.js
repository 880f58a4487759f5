// Property tests: CI (CI=true) uses one fixed seed so a red run replays exactly; elsewhere each run
// explores new inputs. FC_SEED=<n> replays a reported failure; FC_RUNS=<n> deepens asserts without their own numRuns.
const fc = require('fast-check');

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261126 : undefined;
const numRuns = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : undefined;
fc.configureGlobal({ ...(seed !== undefined ? { seed } : {}), ...(numRuns !== undefined ? { numRuns } : {}) });
