/**
 * `npm start` entry (the npm script builds the plugin and the host first): starts the demo
 * pipeline, a real Prometheus with the seed's rules, the Loki/Jaeger stand-ins and the sandbox at
 * http://localhost:3000. Ctrl-C stops everything it started.
 *
 * Flags (env in brackets): --port [PORT], --host, --prometheus-port, --demo-port, --loki-port,
 * --jaeger-port, --prometheus-url [CASCADE_PROMETHEUS_URL], --loki-url [CASCADE_LOKI_URL],
 * --jaeger-url [CASCADE_JAEGER_URL], --otlp-url [CASCADE_OTLP_URL], --traces jaeger|tempo [CASCADE_TRACES],
 * --tempo-port, --tempo-url [CASCADE_TEMPO_URL], --seed, --interval-ms.
 */
import fs from 'fs';
import path from 'path';
import { hasPrometheus, PROMETHEUS_INSTALL_HINT, startStack, StackOptions } from './stack';

const USAGE = `npm start [-- options]   (or: npx tsx sandbox/server/start.ts [options])

Starts the demo pipeline, a real Prometheus with the seed's alert rules, Loki and Jaeger stand-ins
and the sandbox host, all on loopback. Ctrl-C stops everything it started.

  --port N               sandbox host port (env PORT; default 3000)
  --host H               listen address (default 127.0.0.1)
  --prometheus-port N    --demo-port N    --loki-port N    --jaeger-port N   (default: free ports)
  --prometheus-url URL   use a running Prometheus instead (env CASCADE_PROMETHEUS_URL)
  --loki-url URL         use a real Loki instead of the stand-in (env CASCADE_LOKI_URL)
  --jaeger-url URL       use a real Jaeger query API instead of the stand-in (env CASCADE_JAEGER_URL)
  --otlp-url URL         where the demo exports spans when --jaeger-url is given (env CASCADE_OTLP_URL)
  --traces jaeger|tempo  trace backend of the Cascade data source (default jaeger): tempo runs the Tempo
                         stand-in instead of the Jaeger one (env CASCADE_TRACES)
  --tempo-port N         Tempo stand-in port (default: a free port)
  --tempo-url URL        with --traces tempo: a real Tempo HTTP API instead of the stand-in (env CASCADE_TEMPO_URL)
  --seed N               demo pipeline seed        --interval-ms N   demo run interval
  --help                 this text`;

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      continue;
    }
    const eq = a.indexOf('=');
    if (eq !== -1) {
      out[a.slice(2, eq)] = a.slice(eq + 1);
    } else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) {
      out[a.slice(2)] = argv[++i];
    } else {
      out[a.slice(2)] = 'true';
    }
  }
  return out;
}

const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

/** `--traces`: jaeger (default) or tempo; anything else stops with the usage. */
function tracesArg(v: string | undefined): 'jaeger' | 'tempo' {
  if (v === undefined || v === '' || v === 'jaeger' || v === 'tempo') {
    return v === 'tempo' ? 'tempo' : 'jaeger';
  }
  console.error(`--traces: expected jaeger or tempo, got "${v}"\n\n${USAGE}`);
  process.exit(2);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if ('help' in args || 'h' in args) {
    console.log(USAGE);
    return;
  }
  const env = process.env;
  const opts: StackOptions = {
    port: num(args.port ?? env.PORT) ?? 3000,
    host: args.host ?? '127.0.0.1',
    prometheusPort: num(args['prometheus-port']) ?? 0,
    demoPort: num(args['demo-port']) ?? 0,
    lokiPort: num(args['loki-port']) ?? 0,
    jaegerPort: num(args['jaeger-port']) ?? 0,
    prometheusUrl: args['prometheus-url'] ?? (env.CASCADE_PROMETHEUS_URL || undefined),
    lokiUrl: args['loki-url'] ?? (env.CASCADE_LOKI_URL || undefined),
    jaegerUrl: args['jaeger-url'] ?? (env.CASCADE_JAEGER_URL || undefined),
    otlpUrl: args['otlp-url'] ?? (env.CASCADE_OTLP_URL || undefined),
    traces: tracesArg(args.traces ?? env.CASCADE_TRACES),
    tempoPort: num(args['tempo-port']) ?? 0,
    tempoUrl: args['tempo-url'] ?? (env.CASCADE_TEMPO_URL || undefined),
    scenario: {
      ...(args.seed ? { seed: Number(args.seed) } : {}),
      ...(args['interval-ms'] ? { intervalMs: Number(args['interval-ms']) } : {}),
    },
    log: (line) => console.log(`  ${line}`),
  };
  if (!opts.prometheusUrl && !hasPrometheus()) {
    console.error(PROMETHEUS_INSTALL_HINT);
    process.exit(1);
  }
  const root = path.resolve(__dirname, '..', '..');
  for (const f of ['dist/module.js', 'dist/datasource/module.js', 'sandbox/.build/host.js']) {
    if (!fs.existsSync(path.join(root, f))) {
      console.warn(`warning: ${f} is missing — run \`npm run build && npm run build:sandbox\``);
    }
  }
  console.log('Starting the Cascade sandbox…');
  const started = Date.now();
  const stack = await startStack(opts);
  const shown = stack.url.replace('127.0.0.1', 'localhost');
  console.log(
    `\nCascade is running at ${shown}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl-C stops everything)`
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox, Prometheus and the demo pipeline…`);
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e: Error & { code?: string }) => {
  if (e.code === 'NO_PROMETHEUS') {
    console.error(PROMETHEUS_INSTALL_HINT);
  } else if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port in use: ${e.message}. Choose another with --port or PORT.`);
  } else {
    console.error(e.stack ?? e.message);
  }
  process.exit(1);
});
