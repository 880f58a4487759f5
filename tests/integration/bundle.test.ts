/**
 * The built bundles, as Grafana will load them: each entry is an AMD module whose only imports are
 * Grafana's shared externals, lazy chunks only register themselves, and no emitted file reaches for
 * an absolute URL or builds code at run time (issue 7's security scan).
 * Builds dist/ with the production webpack config when it is missing.
 */
import fs from 'fs';
import path from 'path';

import { amdDependencies, chunkLoadEffects, scanCode } from '../../scripts/bundleScan';
import { ensureBuild } from '../../scripts/ensureBuild';
// The webpack config's list of the modules Grafana shares with plugins (its externals).
import { SHARED_MODULES as SHARED } from '../../webpack.config';

/**
 * Modules Grafana's loader also provides (public/app/features/plugins/loader/sharedDependencies.ts)
 * that externals.js externalises but SHARED does not list. Anything else fails: Grafana would not
 * resolve it and the plugin would not load.
 */
const ALSO_SHARED_BY_GRAFANA = ['rxjs/operators'];

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');

/**
 * The two plugins in dist/: their folder and the webpack chunk-loading global. Both are entries of
 * one compilation (create-plugin's nested-plugin build), so they share the app's global.
 */
const PLUGINS = [
  { id: 'cascade-pipeline-app', dir: DIST, chunkGlobal: 'webpackChunkcascade_pipeline_app' },
  {
    id: 'cascade-pipeline-datasource',
    dir: path.join(DIST, 'datasource'),
    chunkGlobal: 'webpackChunkcascade_pipeline_app',
  },
];

/**
 * Absolute URLs allowed in string literals, each with the reason it is harmless. Every entry must
 * still match something (a stale entry fails the test), so the list cannot quietly grow.
 */
const URL_ALLOW: Array<{ pattern: RegExp; reason: string }> = [
  {
    pattern: /^http:\/\/dagster:3000\.?$/,
    reason:
      "example Dagster URL in the app config page's placeholder and validation hint: shown as text, never requested",
  },
];

/** eval / Function calls allowed, with the reason. Same rule: every entry must still be needed. */
const DYNAMIC_CODE_ALLOW: Array<{ pattern: RegExp; reason: string }> = [];

/** Every emitted .js file of one plugin folder (the app's folder excludes the nested data source). */
function jsFiles(dir: string, exclude?: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => path.join(dir, f))
    .filter((f) => f.endsWith('.js') && (!exclude || !f.startsWith(exclude + path.sep)));
}

const filesOf = (plugin: (typeof PLUGINS)[number]) =>
  jsFiles(plugin.dir, plugin.dir === DIST ? path.join(DIST, 'datasource') : undefined);
const rel = (f: string) => path.relative(ROOT, f);

beforeAll(() => {
  ensureBuild(ROOT);
}, 600_000);

describe.each(PLUGINS)('$id bundle', (plugin) => {
  it('is an AMD module that imports only Grafana shared externals', () => {
    const deps = amdDependencies(fs.readFileSync(path.join(plugin.dir, 'module.js'), 'utf8'));
    const allowed = new Set([...SHARED, ...ALSO_SHARED_BY_GRAFANA, 'module']);
    expect(deps.length).toBeGreaterThan(0);
    expect(deps.filter((d) => !allowed.has(d))).toEqual([]);
    // React comes from Grafana, never bundled: a second React breaks hooks.
    expect(deps).toContain('react');
  });

  it('has lazy chunks that only register themselves under this plugin’s own chunk global', () => {
    const chunks = filesOf(plugin).filter((f) => path.basename(f) !== 'module.js');
    for (const chunk of chunks) {
      const code = fs.readFileSync(chunk, 'utf8');
      expect({ chunk: rel(chunk), ...chunkLoadEffects(code) }).toEqual({
        chunk: rel(chunk),
        defineCalls: 0,
        registeredChunks: 1,
      });
      expect(code).toContain(plugin.chunkGlobal);
    }
  });
});

describe('security scan of every emitted .js file', () => {
  const files = PLUGINS.flatMap(filesOf);
  const scans = () => files.map((f) => ({ file: rel(f), ...scanCode(fs.readFileSync(f, 'utf8'), f) }));
  let results: ReturnType<typeof scans>;
  beforeAll(() => {
    results = scans();
  });

  it('finds no absolute http(s) URL in code outside the reviewed allow-list', () => {
    const unexpected = results.flatMap((r) =>
      r.literalUrls
        .filter((u) => !URL_ALLOW.some((a) => a.pattern.test(u.url)))
        .map((u) => ({ file: r.file, url: u.url, context: u.context }))
    );
    expect(unexpected).toEqual([]);
  });

  it('finds no eval or Function constructor outside the reviewed allow-list', () => {
    const unexpected = results.flatMap((r) =>
      r.dynamicCode
        .filter((d) => !DYNAMIC_CODE_ALLOW.some((a) => a.pattern.test(d.context)))
        .map((d) => ({ file: r.file, ...d }))
    );
    expect(unexpected).toEqual([]);
  });

  it('keeps no stale allow-list entries', () => {
    const urls = results.flatMap((r) => r.literalUrls.map((u) => u.url));
    const dynamic = results.flatMap((r) => r.dynamicCode.map((d) => d.context));
    expect(URL_ALLOW.filter((a) => !urls.some((u) => a.pattern.test(u))).map((a) => a.reason)).toEqual([]);
    expect(DYNAMIC_CODE_ALLOW.filter((a) => !dynamic.some((c) => a.pattern.test(c))).map((a) => a.reason)).toEqual([]);
  });

  it('scanned both bundles', () => {
    expect(files.map(rel)).toEqual(expect.arrayContaining(['dist/module.js', 'dist/datasource/module.js']));
  });
});
