/**
 * `npm run bench` — Cascade's benchmark (issue 6). Not a test: it prints a table and writes the
 * same figures to artifacts/bench.json (git-ignored). See docs/performance.md.
 *
 *   npx tsx bench/run.ts                  # everything: 10 / 1,000 / 2,000 / 10,000 assets (~15 min)
 *   npx tsx bench/run.ts --quick          # 10 / 1,000 assets, 1k / 10k spans, fewer runs (CI-like)
 *   npx tsx bench/run.ts --only lineage   # requests, join, overhead, lineage, trace, bundle, page (comma-separated)
 *   npx tsx bench/run.ts --only page --rules with   # page ready only on stacks with the recording rules (with, without)
 *   npx tsx bench/run.ts --sizes 10,2000  # override the pipeline sizes
 *   npx tsx bench/run.ts --no-build       # measure dist/ as it is
 *   npx tsx bench/run.ts --dist /tmp/b    # serve another build of the plugin (A/B comparisons; implies --no-build)
 *   npx tsx bench/run.ts --only page --ab /tmp/a/dist   # page ready of this build and of build A on the same stacks, loads alternating
 *   npx tsx bench/run.ts --only page --nav full,inapp   # reach each page by a page load and/or by a click in the app's nav
 *   npx tsx bench/run.ts --out file.json
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './lib/browser';
import { ensureFreshBuild } from './lib/build';
import { machineInfo } from './lib/machine';
import { BenchResults, machineLine, markdownTable, tableRows } from './lib/report';
import { BenchStack, startBenchStack } from './lib/stack';
import { benchBundle } from './sections/bundle';
import { benchLineage } from './sections/lineage';
import { benchPageReady, type NavMode } from './sections/pageReady';
import { benchQueries } from './sections/queries';
import { benchTraces } from './sections/trace';

const ROOT = path.resolve(__dirname, '..');
const SECTIONS = ['requests', 'join', 'overhead', 'lineage', 'trace', 'bundle', 'page'] as const;
type Section = (typeof SECTIONS)[number];

interface Args {
  quick: boolean;
  only: Section[];
  sizes?: number[];
  build: boolean;
  dist?: string;
  out: string;
  /** Page-ready stacks: with and/or without Cascade's recording rules in Prometheus. */
  rules: boolean[];
  /** Page ready reached by page loads and/or by clicks in the app's nav from another app page. */
  nav: NavMode[];
  /** Baseline build for page ready: measured on the same stacks, page loads alternating with this build's. */
  ab?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    quick: false,
    only: [...SECTIONS],
    build: true,
    out: path.join(ROOT, 'artifacts', 'bench.json'),
    rules: [true, false],
    nav: ['full'],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) {
        throw new Error(`${a} needs a value`);
      }
      return v;
    };
    if (a === '--quick') {
      args.quick = true;
    } else if (a === '--no-build') {
      args.build = false;
    } else if (a.startsWith('--only')) {
      const list = value()
        .split(',')
        .map((s) => s.trim()) as Section[];
      const unknown = list.filter((s) => !SECTIONS.includes(s));
      if (unknown.length) {
        throw new Error(`unknown section(s) ${unknown.join(', ')}; sections: ${SECTIONS.join(', ')}`);
      }
      args.only = list;
    } else if (a.startsWith('--sizes')) {
      args.sizes = value()
        .split(',')
        .map((s) => Number(s.replace(/_/g, '')));
    } else if (a.startsWith('--dist')) {
      args.dist = path.resolve(value());
      args.build = false;
    } else if (a.startsWith('--nav')) {
      args.nav = value()
        .split(',')
        .map((v) => (v.trim() === 'inapp' ? 'inapp' : 'full'));
    } else if (a.startsWith('--ab')) {
      args.ab = path.resolve(value());
    } else if (a.startsWith('--rules')) {
      args.rules = value()
        .split(',')
        .map((s) => s.trim() === 'with');
    } else if (a.startsWith('--out')) {
      args.out = path.resolve(value());
    } else if (a === '--help' || a === '-h') {
      console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
      process.exit(0);
    } else {
      throw new Error(`unknown argument ${a} (try --help)`);
    }
  }
  return args;
}

const log = (s: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}`);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const has = (s: Section) => args.only.includes(s);
  const querySizes = args.sizes ?? (args.quick ? [10, 1000] : [10, 1000, 2000, 10_000]);
  const lineageSizes = (args.sizes ?? (args.quick ? [1000] : [1000, 2000, 10_000])).filter(
    (s) => s >= 1000 || args.sizes
  );
  const traceSpans = args.quick ? [1000, 10_000] : [1000, 10_000, 50_000];
  const nodeRuns = args.quick ? 5 : 7;
  const browserRuns = args.quick ? 2 : 3;
  const needStacks = has('requests') || has('join') || has('overhead') || has('lineage') || has('trace');
  const needBrowser = has('lineage') || has('trace') || has('page');
  const pageSizes = args.sizes ?? (args.quick ? [1000] : [1000, 10_000]);

  const results: BenchResults = {
    machine: machineInfo(),
    options: { quick: args.quick, sections: args.only, sizes: querySizes, lineageSizes, traceSpans },
    setup: [],
    queries: [],
    lineage: [],
    trace: [],
    page: [],
    notes: [],
  };
  log(`machine: ${machineLine(results.machine)}`);

  if (needBrowser || has('bundle')) {
    if (args.build) {
      await ensureFreshBuild(ROOT, log);
    }
  }
  if (has('bundle')) {
    results.bundle = benchBundle(args.dist ?? path.join(ROOT, 'dist'));
    log(
      `bundle: app entry ${(results.bundle.appEntryGzip / 1024).toFixed(1)} KB gzip, lazy chunks ${(results.bundle.lazyGzipTotal / 1024).toFixed(1)} KB gzip in total`
    );
  }

  let browser: Browser | undefined;
  const stackSizes = needStacks
    ? [
        ...new Set([
          ...(has('requests') || has('join') || has('overhead') ? querySizes : []),
          ...(has('lineage') ? lineageSizes : []),
          ...(has('trace') ? [querySizes[0] ?? 10] : []),
        ]),
      ].sort((a, b) => a - b)
    : [];
  try {
    if (needBrowser) {
      browser = await launchBrowser();
    }
    for (const size of stackSizes) {
      let stack: BenchStack | undefined;
      try {
        stack = await startBenchStack({ size, distDir: args.dist, log });
        results.setup.push({
          size,
          seconds: stack.setupSeconds,
          buckets: stack.buckets,
          scrapeInterval: stack.scrapeInterval,
        });
        if ((has('requests') || has('join') || has('overhead')) && querySizes.includes(size)) {
          results.queries.push(
            await benchQueries(stack, {
              runs: nodeRuns,
              // The overhead target is at 1,000; at 10,000 one health query takes tens of seconds of Prometheus time.
              overhead: has('overhead') && size <= 2000,
              warmup: size < 10_000,
              log,
            })
          );
        }
        if (has('lineage') && lineageSizes.includes(size)) {
          results.lineage.push(
            await benchLineage(browser!, stack, { runs: browserRuns, clicks: 5, warmup: size < 10_000, log })
          );
        }
        if (has('trace') && size === stackSizes[0]) {
          results.trace.push(...(await benchTraces(browser!, stack, traceSpans, { runs: browserRuns, log })));
        }
      } catch (e) {
        const msg = `${size} assets: ${(e as Error).message}`;
        results.notes.push(msg);
        log(`FAILED ${msg}`);
      } finally {
        await stack?.stop();
      }
    }
    // Page ready (issue 13): its own stacks, with and without the recording rules (rule evaluation load included).
    for (const size of has('page') ? pageSizes : []) {
      for (const recordingRules of args.rules) {
        let stack: BenchStack | undefined;
        try {
          stack = await startBenchStack({ size, distDir: args.dist, recordingRules, baselineDist: args.ab, log });
          const builds = [{ build: 'current', url: stack.url }];
          if (stack.baselineUrl) {
            builds.push({ build: 'baseline', url: stack.baselineUrl });
          }
          for (const nav of args.nav) {
            results.page!.push(
              ...(await benchPageReady(browser!, stack, ['overview', 'lineage', 'freshness'], {
                runs: browserRuns,
                recordingRules,
                warmup: size < 10_000,
                log,
                builds,
                nav,
              }))
            );
          }
        } catch (e) {
          const msg = `page ready, ${size} assets ${recordingRules ? 'with' : 'without'} rules: ${(e as Error).message}`;
          results.notes.push(msg);
          log(`FAILED ${msg}`);
        } finally {
          await stack?.stop();
        }
      }
    }
  } finally {
    await browser?.close();
  }

  results.runtimeSeconds = (performance.now() - started) / 1000;
  const rows = tableRows(results);
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, `${JSON.stringify({ ...results, table: rows }, null, 2)}\n`);
  // The same table as Markdown next to the JSON, ready to paste into docs/performance.md.
  const md = args.out.replace(/\.json$/, '') + '.md';
  fs.writeFileSync(
    md,
    `Machine: ${machineLine(results.machine)}\n\n${markdownTable(rows)}\n${results.notes.map((n) => `\nNOTE: ${n}\n`).join('')}`
  );
  console.log('');
  console.log(`Machine: ${machineLine(results.machine)}`);
  console.log('');
  console.log(markdownTable(rows));
  for (const note of results.notes) {
    console.log(`\nNOTE: ${note}`);
  }
  console.log(
    `\nbench finished in ${(results.runtimeSeconds / 60).toFixed(1)} min; figures in ${path.relative(process.cwd(), args.out)} (table: ${path.relative(process.cwd(), md)})`
  );
  if (results.notes.length) {
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
