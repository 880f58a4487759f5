import { defaultAssets, generateAssets } from './assets';
import { DemoOptions } from './types';

/** CLI flags and their environment equivalents (flags win). */
export const FLAGS: Record<string, string> = {
  '--assets': 'DEMO_ASSETS',
  '--seed': 'DEMO_SEED',
  '--interval-ms': 'DEMO_INTERVAL_MS',
  '--failure-rate': 'DEMO_FAILURE_RATE',
  '--stale-asset': 'DEMO_STALE_ASSET',
  '--stale-seconds': 'DEMO_STALE_SECONDS',
  '--slow-asset': 'DEMO_SLOW_ASSET',
  '--slow-factor': 'DEMO_SLOW_FACTOR',
  '--failing-asset': 'DEMO_FAILING_ASSET',
  '--validation-dip': 'DEMO_VALIDATION_DIP',
  '--chain-failure': 'DEMO_CHAIN_FAILURE',
  '--volume-drop': 'DEMO_VOLUME_DROP',
  '--late-asset': 'DEMO_LATE_ASSET',
  '--host': 'DEMO_HOST',
  '--port': 'DEMO_PORT',
  '--loki-url': 'DEMO_LOKI_URL',
  '--otlp-url': 'DEMO_OTLP_URL',
  '--no-standins': 'DEMO_NO_STANDINS',
  '--loki-port': 'DEMO_LOKI_PORT',
  '--jaeger-port': 'DEMO_JAEGER_PORT',
  '--traces': 'DEMO_TRACES',
  '--tempo-port': 'DEMO_TEMPO_PORT',
};

export const USAGE = `Usage: npx tsx demo/src/main.ts [options]   (every option also reads an env var)
  --assets <N|default>          assets to simulate: the seed's 5 (default) or a generated DAG of N   DEMO_ASSETS
  --seed <int>                  PRNG seed (default 42)                                               DEMO_SEED
  --interval-ms <ms>            run the whole pipeline every ms (default 15000)                      DEMO_INTERVAL_MS
  --failure-rate <0..1>         probability a run fails at random (default 0: off)                   DEMO_FAILURE_RATE
  --stale-asset <name>          asset whose schedule stopped (never updates)                         DEMO_STALE_ASSET
  --stale-seconds <s>           age of its last update at start (default 18000)                      DEMO_STALE_SECONDS
  --slow-asset <name>           asset whose durations are multiplied                                 DEMO_SLOW_ASSET
  --slow-factor <x>             multiplier (default 5)                                               DEMO_SLOW_FACTOR
  --failing-asset <name>        asset that fails every run                                           DEMO_FAILING_ASSET
  --validation-dip a:check:rate one check's pass rate (%) drops to rate                              DEMO_VALIDATION_DIP
  --chain-failure a[:since_s]   a fails since since_s (def. 10800) and its downstream wait: stale    DEMO_CHAIN_FAILURE
  --volume-drop a:factor        a fetches factor (0..1) of its usual rows per run                    DEMO_VOLUME_DROP
  --late-asset a[:hold_s]       a's runs are held for hold_s after start (def. 3600), no failure     DEMO_LATE_ASSET
  --host <addr>                 interface to bind (default 127.0.0.1)                                DEMO_HOST
  --port <port>                 metrics port (default 9464)                                          DEMO_PORT
  --loki-url <url>              push logs to this Loki instead of the stand-in                       DEMO_LOKI_URL
  --otlp-url <url>              export spans to this OTLP/HTTP endpoint instead of the stand-in      DEMO_OTLP_URL
  --no-standins                 do not start the Loki/Jaeger stand-ins                               DEMO_NO_STANDINS=1
  --loki-port <port>            Loki stand-in port (default 3100)                                    DEMO_LOKI_PORT
  --jaeger-port <port>          Jaeger stand-in port (default 16686)                                 DEMO_JAEGER_PORT
  --traces <jaeger|tempo>       trace stand-in spans go to when --otlp-url is not given (jaeger)     DEMO_TRACES
  --tempo-port <port>           Tempo stand-in port (default 3200)                                   DEMO_TEMPO_PORT`;

/** The incident knobs' flags, as the demo CLI and `npm start` spell them. */
export type IncidentKnobFlag = '--chain-failure' | '--volume-drop' | '--late-asset';

/**
 * The incident knobs from their raw flag values (`a[:since_s]`, `a:factor`, `a[:hold_s]`); the one
 * parser of the demo CLI and `npm start`. Throws a message naming the flag on bad input.
 */
export function parseIncidentKnobs(
  values: Partial<Record<IncidentKnobFlag, string>>
): Pick<DemoOptions, 'chainFailure' | 'volumeDrop' | 'lateAsset'> {
  const named = (flag: IncidentKnobFlag, what: string, min: number, max: number) => {
    const raw = values[flag];
    if (raw === undefined) {
      return undefined;
    }
    const cut = raw.lastIndexOf(':');
    const asset = cut > 0 ? raw.slice(0, cut) : raw;
    const n = cut > 0 ? Number(raw.slice(cut + 1)) : undefined;
    if (!asset || (n !== undefined && (!Number.isFinite(n) || n < min || n > max))) {
      throw new Error(`${flag}: expected asset:${what}, got "${raw}"`);
    }
    return { asset, n };
  };
  const chain = named('--chain-failure', 'seconds', 0, Infinity);
  const drop = named('--volume-drop', 'factor (0..1)', 0, 1);
  if (drop && drop.n === undefined) {
    throw new Error(`--volume-drop: expected asset:factor (0..1), got "${values['--volume-drop']}"`);
  }
  const late = named('--late-asset', 'seconds', 0, Infinity);
  return {
    chainFailure: chain && { asset: chain.asset, sinceSeconds: chain.n },
    volumeDrop: drop && { asset: drop.asset, factor: drop.n! },
    lateAsset: late && { asset: late.asset, holdSeconds: late.n },
  };
}

/** Parses argv (without node and script) plus env into startDemo options; throws on bad input. */
export function parseCli(
  argv: string[],
  env: Record<string, string | undefined> = {}
): DemoOptions & { help?: boolean } {
  const values: Record<string, string> = {};
  for (const [flag, name] of Object.entries(FLAGS)) {
    const v = env[name];
    if (v !== undefined && v !== '') {
      values[flag] = v;
    }
  }
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(flag in FLAGS)) {
      throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
    if (flag === '--no-standins') {
      values[flag] = '1';
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) {
      throw new Error(`option ${flag} needs a value`);
    }
    values[flag] = value;
  }
  const num = (flag: string, min = -Infinity, max = Infinity): number | undefined => {
    const raw = values[flag];
    if (raw === undefined) {
      return undefined;
    }
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) {
      throw new Error(`${flag}: expected a number in [${min}, ${max}], got "${raw}"`);
    }
    return n;
  };
  const assetsRaw = values['--assets'] ?? 'default';
  const seed = num('--seed');
  let assets = defaultAssets();
  if (assetsRaw !== 'default') {
    const n = Number(assetsRaw);
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(`--assets: expected a positive integer or "default", got "${assetsRaw}"`);
    }
    assets = generateAssets(n, seed ?? 1);
  }
  let validationDip: DemoOptions['validationDip'];
  if (values['--validation-dip']) {
    const [asset, check, rate] = values['--validation-dip'].split(':');
    if (!asset || !check || rate === undefined || !Number.isFinite(Number(rate))) {
      throw new Error(`--validation-dip: expected asset:check:rate, got "${values['--validation-dip']}"`);
    }
    validationDip = { asset, check, passRate: Number(rate) };
  }
  const { chainFailure, volumeDrop, lateAsset } = parseIncidentKnobs(values);
  const noStandins = values['--no-standins'];
  const traces = values['--traces'] ?? 'jaeger';
  if (traces !== 'jaeger' && traces !== 'tempo') {
    throw new Error(`--traces: expected jaeger or tempo, got "${traces}"`);
  }
  return {
    help,
    assets,
    seed,
    intervalMs: num('--interval-ms', 1),
    failureRate: num('--failure-rate', 0, 1),
    staleAsset: values['--stale-asset'],
    staleSeconds: num('--stale-seconds', 0),
    slowAsset: values['--slow-asset'],
    slowFactor: num('--slow-factor', 0),
    failingAsset: values['--failing-asset'],
    validationDip,
    chainFailure,
    volumeDrop,
    lateAsset,
    host: values['--host'] ?? '127.0.0.1',
    port: num('--port', 0, 65535) ?? 9464,
    lokiUrl: values['--loki-url'],
    otlpUrl: values['--otlp-url'],
    standins: !(noStandins !== undefined && noStandins !== '0' && noStandins !== 'false'),
    lokiPort: num('--loki-port', 0, 65535) ?? 3100,
    jaegerPort: num('--jaeger-port', 0, 65535) ?? 16686,
    traces,
    tempoPort: num('--tempo-port', 0, 65535) ?? 3200,
  };
}
