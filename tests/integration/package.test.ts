/**
 * `npm run package`'s zip, checked the way an admin's Grafana will see it: unpacked with the
 * system's `unzip` (an independent implementation from the adm-zip that wrote it), one top folder
 * named after the app id with the nested data source inside, both plugin.json files complete, and
 * every file they point at present. Builds dist/ first when it is missing.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { DATASOURCE_TYPE, PLUGIN_ID } from '../../src/constants';
import { ensureBuild, pluginBuildIsStale } from '../../scripts/ensureBuild';
import { packagePlugin, PackageResult } from '../../scripts/package';
import { formatFinding, validatePlugin } from '../../scripts/validatePlugin';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

// Plugin manifests are untyped JSON here.
type Json = any;

let tmp: string;
let result: PackageResult;
let unpacked: string;
const inZip = (...p: string[]) => path.join(unpacked, PLUGIN_ID, ...p);
const readJson = (...p: string[]): Json => JSON.parse(fs.readFileSync(inZip(...p), 'utf8'));

beforeAll(() => {
  // Rebuilt when a source is newer than dist/: the validator's source-map rule compares with src/.
  ensureBuild(ROOT, { stale: () => pluginBuildIsStale(ROOT) });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-package-'));
  result = packagePlugin({ root: ROOT, outDir: path.join(tmp, 'out') });
  unpacked = path.join(tmp, 'unpacked');
  execFileSync('unzip', ['-q', result.zipPath, '-d', unpacked]);
}, 600_000);

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the release zip', () => {
  it('is named after the plugin id and the package version, and passes unzip -t', () => {
    expect(path.basename(result.zipPath)).toBe(`${PLUGIN_ID}-${pkg.version}.zip`);
    expect(execFileSync('unzip', ['-t', result.zipPath], { encoding: 'utf8' })).toMatch(/No errors detected/);
  });

  it.each([
    { algorithm: 'sha256', tool: 'sha256sum', file: () => result.sha256Path },
    // grafana.com's submission (and the validator's checksum rule) take MD5 or SHA1 only.
    { algorithm: 'sha1', tool: 'sha1sum', file: () => result.sha1Path },
  ])('has a $tool-compatible $algorithm checksum of the zip', ({ algorithm, tool, file }) => {
    const actual = createHash(algorithm).update(fs.readFileSync(result.zipPath)).digest('hex');
    expect(fs.readFileSync(file(), 'utf8')).toBe(`${actual}  ${path.basename(result.zipPath)}\n`);
    expect(
      execFileSync(tool, ['-c', path.basename(file())], { cwd: path.dirname(result.zipPath), encoding: 'utf8' })
    ).toMatch(/: OK/);
  });

  it('holds exactly dist/ under one top folder named after the app id', () => {
    expect(fs.readdirSync(unpacked)).toEqual([PLUGIN_ID]);
    const listed = execFileSync('unzip', ['-Z1', result.zipPath], { encoding: 'utf8' }).trim().split('\n').sort();
    const dist = (fs.readdirSync(path.join(ROOT, 'dist'), { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((d) => d.isFile())
      .map((d) => `${PLUGIN_ID}/${path.relative(path.join(ROOT, 'dist'), path.join(d.parentPath, d.name))}`)
      .sort();
    expect(listed).toEqual(dist);
    expect(listed.every((e) => !e.includes('..') && !e.startsWith('/'))).toBe(true);
    // Only what Grafana serves: no sources or tests that sit next to copied assets in src/.
    expect(listed.filter((e) => /\.(tsx?|mts|cts)$|\.test\.|\.spec\./.test(e))).toEqual([]);
  });

  it('contains both bundles, the nested data source, dashboards and the release documents', () => {
    for (const f of [
      'module.js',
      'plugin.json',
      'datasource/module.js',
      'datasource/plugin.json',
      'dashboards/operations.json',
      'dashboards/asset.json',
      'LICENSE',
      'CHANGELOG.md',
    ]) {
      expect({ file: f, present: fs.existsSync(inZip(f)) }).toEqual({ file: f, present: true });
    }
    expect(fs.readFileSync(inZip('LICENSE'), 'utf8')).toContain('Apache License');
    expect(fs.readFileSync(inZip('CHANGELOG.md'), 'utf8')).toContain(`## ${pkg.version}`);
    if (fs.existsSync(path.join(ROOT, 'README.md'))) {
      expect(fs.existsSync(inZip('README.md'))).toBe(true);
    }
  });

  it('is reproducible, and `tsx scripts/package.ts` (npm run package) writes the same zip', () => {
    const again = packagePlugin({ root: ROOT, outDir: path.join(tmp, 'again') });
    expect(again.sha256).toBe(result.sha256);
    const cliOut = path.join(tmp, 'cli');
    const stdout = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/package.ts', '--out', cliOut], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(stdout).toContain(`${PLUGIN_ID}-${pkg.version}.zip`);
    expect(fs.readFileSync(path.join(cliOut, `${PLUGIN_ID}-${pkg.version}.zip.sha256`), 'utf8')).toContain(
      result.sha256
    );
  });
});

describe("Grafana's plugin validator rules that run offline (scripts/validatePlugin.ts)", () => {
  it('find no error or warning in the zip, given its source (as -sourceCodeUri) and its SHA1', () => {
    const report = validatePlugin({ zipPath: result.zipPath, sourceDir: ROOT, checksum: result.sha1Path });
    expect(report.findings.map(formatFinding)).toEqual([]);
  });
});

describe.each([
  { label: 'app', dir: [] as string[], id: PLUGIN_ID, type: 'app' },
  { label: 'data source', dir: ['datasource'], id: DATASOURCE_TYPE, type: 'datasource' },
])('$label plugin.json in the zip', ({ dir, id, type }) => {
  let manifest: Json;
  beforeAll(() => {
    manifest = readJson(...dir, 'plugin.json');
  });

  it('has the id, type and the filled-in version and date', () => {
    expect(manifest).toMatchObject({ id, type });
    expect(manifest.info.version).toBe(pkg.version);
    expect(manifest.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(manifest)).not.toMatch(/%[A-Z_]+%/);
  });

  it('states a Grafana floor shared by both plugins', () => {
    expect(manifest.dependencies.grafanaDependency).toMatch(/^>=\d+\.\d+\.\d+$/);
    expect(manifest.dependencies.grafanaDependency).toBe(readJson('plugin.json').dependencies.grafanaDependency);
  });

  it('has a description, keywords and an author', () => {
    expect(manifest.info.description.length).toBeGreaterThan(20);
    expect(manifest.info.keywords.length).toBeGreaterThan(0);
    expect(manifest.info.author.name).toBeTruthy();
  });

  it('points only at logos and screenshots that are in the zip', () => {
    const files = [
      manifest.info.logos.small,
      manifest.info.logos.large,
      ...(manifest.info.screenshots ?? []).map((s: Json) => s.path),
    ];
    for (const f of files) {
      expect({ file: f, present: fs.existsSync(inZip(...dir, f)) }).toEqual({ file: f, present: true });
    }
    for (const s of manifest.info.screenshots ?? []) {
      expect(s.name).toBeTruthy();
    }
  });
});

describe('app includes', () => {
  let app: Json;
  beforeAll(() => {
    app = readJson('plugin.json');
  });

  it('include the nested data source by its name, type and the path of its plugin.json (includesnested)', () => {
    const ds = readJson('datasource', 'plugin.json');
    expect(app.includes).toContainEqual({ type: ds.type, name: ds.name, path: 'datasource/plugin.json' });
  });

  it('include dashboards that are in the zip', () => {
    const dashboards = app.includes.filter((i: Json) => i.type === 'dashboard');
    expect(dashboards.length).toBeGreaterThanOrEqual(2);
    for (const d of dashboards) {
      expect(readJson(d.path).title).toBe(d.name);
    }
  });

  it('route every page into the app or its config page', () => {
    for (const p of app.includes.filter((i: Json) => i.type === 'page')) {
      expect(p.path).toMatch(new RegExp(`^/(a|plugins)/${PLUGIN_ID}(/|$)`));
    }
  });
});
