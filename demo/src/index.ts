/** Public API of the Cascade demo pipeline (used by the sandbox, docker compose and the tests). */
export { defaultAssets, generateAssets, topologicalOrder } from './assets';
export { startDemo, DEFAULT_SCENARIO } from './demo';
export { startPrometheus, RULES_FILE, RECORDING_RULES_FILE, SCRAPE_JOB, prometheusConfig } from './prometheus';
export type { PrometheusOptions, RunningPrometheus } from './prometheus';
export { mulberry32 } from './prng';
export { simulateHistory, defaultHistoryEvents, sampleTimes, DEFAULT_SAMPLE_TIERS } from './history';
export type { History, HistoryEvents, HistoryOptions, HistoryRun, OpenMetricsStats } from './history';
export { backfillPrometheus, PROMTOOL_BIN } from './backfill';
export type { BackfillStats } from './backfill';
export { SANDBOX_SCENARIO } from './scenario';
export { durationBuckets } from './metrics';
export { startLokiStandin } from './standins/loki/server';
export type { LokiStandin, LokiStandinOptions } from './standins/loki/server';
export { startJaegerStandin } from './standins/jaeger/server';
export type { JaegerStandin, JaegerStandinOptions } from './standins/jaeger/server';
export { startTempoStandin } from './standins/tempo/server';
export type { TempoStandin, TempoStandinOptions } from './standins/tempo/server';
export type { AssetSpec, AssetState, DemoHandle, DemoOptions, DemoPipeline, RunStatus, ScenarioOptions } from './types';
