/** CLI of the demo pipeline: `npx tsx demo/src/main.ts --help`. */
import { parseCli, USAGE } from './cli';
import { startDemo } from './demo';

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseCli(process.argv.slice(2), process.env);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const demo = await startDemo(opts);
  const out = [
    `Cascade demo pipeline: ${opts.assets!.length} assets, seed ${opts.seed ?? 42}`,
    `  metrics  ${demo.metricsUrl}`,
    `  logs  →  ${demo.lokiUrl ? `${demo.lokiUrl}/loki/api/v1/push${opts.lokiUrl ? '' : '  (Loki stand-in)'}` : 'off'}`,
    `  traces → ${demo.otlpUrl ? `${demo.otlpUrl}/v1/traces${opts.otlpUrl ? '' : demo.tempoUrl ? '  (Tempo stand-in)' : '  (Jaeger stand-in)'}` : 'off'}`,
  ];
  if (demo.jaegerUrl) {
    out.push(`  Jaeger stand-in query API  ${demo.jaegerUrl}/api/services`);
  }
  if (demo.tempoUrl) {
    out.push(`  Tempo stand-in HTTP API    ${demo.tempoUrl}/api/search`);
  }
  if (demo.lokiUrl && !opts.lokiUrl) {
    out.push(`  Loki stand-in query API    ${demo.lokiUrl}/loki/api/v1/query_range`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    demo.stop().then(
      () => process.exit(0),
      (e: Error) => {
        process.stderr.write(`${e.message}\n`);
        process.exit(1);
      }
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: Error) => {
  process.stderr.write(`demo failed: ${e.message}\n`);
  process.exit(1);
});
