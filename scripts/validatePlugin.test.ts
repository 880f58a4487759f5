/**
 * Each re-done validator rule fails on the mistake it is meant to catch. Every test starts from a
 * small plugin that passes (an app with a nested data source, source maps, its src/), breaks one
 * thing, and expects the validator's analyzer and rule names for it.
 */
import AdmZip from 'adm-zip';
import { createHash } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { validatePlugin } from './validatePlugin';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2217bc50000000049454e44ae426082',
  'hex'
);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><path d="M0 0h1v1z"/></svg>';
const APP_SOURCE = "import { AppPlugin } from '@grafana/data';\nexport const plugin = new AppPlugin();\n";
const DS_SOURCE = "export const plugin = 'datasource';\n";

/** A source map as webpack writes it: namespaced sources plus the runtime and an external. */
const sourceMap = (namespace: string, sources: Record<string, string>) =>
  JSON.stringify({
    version: 3,
    sources: [
      `webpack://${namespace}/webpack/bootstrap`,
      `webpack://${namespace}/external amd "react"`,
      ...Object.keys(sources).map((s) => `webpack://${namespace}/${s}`),
    ],
    sourcesContent: ['', '', ...Object.values(sources)],
    mappings: '',
  });

type Files = Record<string, string | Buffer | null>;

/** The zip's files under the top folder, and the source tree, of a plugin that passes every rule. */
function goodPlugin(): { zip: Files; source: Files } {
  const app = {
    id: 'myorg-thing-app',
    type: 'app',
    name: 'Thing',
    info: {
      description: 'A thing',
      keywords: ['thing'],
      version: '1.2.3',
      logos: { small: 'img/logo.svg', large: 'img/logo.svg' },
      screenshots: [{ name: 'Overview', path: 'img/overview.png' }],
    },
    includes: [{ type: 'datasource', name: 'Thing', path: 'datasource/plugin.json' }],
    dependencies: { grafanaDependency: '>=12.0.0' },
  };
  const ds = {
    id: 'myorg-thing-datasource',
    type: 'datasource',
    name: 'Thing',
    info: { logos: { small: 'img/logo.svg', large: 'img/logo.svg' }, version: '1.2.3' },
  };
  return {
    zip: {
      'plugin.json': JSON.stringify(app),
      'module.js': 'define(["react"],function(){})',
      'module.js.map': sourceMap('myorg-thing-app', { './module.ts': APP_SOURCE }),
      'datasource/plugin.json': JSON.stringify(ds),
      'datasource/module.js': 'define([],function(){})',
      'datasource/module.js.map': sourceMap('myorg-thing-app', { './datasource/module.ts': DS_SOURCE }),
      'datasource/img/logo.svg': SVG,
      'img/logo.svg': SVG,
      'img/overview.png': PNG,
      'README.md':
        '# Thing\n\nSee [the docs](https://example.com/docs), [below](#usage) or [mail](mailto:a@example.com).\n\n## Usage\n',
      'CHANGELOG.md': '# Changelog\n\n## 1.2.3\n\n- First.\n',
      LICENSE: fs.readFileSync(path.join(__dirname, '..', 'LICENSE'), 'utf8'),
    },
    source: {
      'package.json': JSON.stringify({ version: '1.2.3' }),
      '.config/webpack/webpack.config.ts': '/* layout scaffolded by @grafana/create-plugin */\n',
      'src/module.ts': APP_SOURCE,
      'src/datasource/module.ts': DS_SOURCE,
      'src/components/Thing.test.tsx': "console.log('tests may log'); alert('and alert');\n",
    },
  };
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-validator-test-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Writes the zip (under `top`, or as given with `top: ''`) and the source tree; null removes a file. */
function run(
  edit: (p: { zip: Files; source: Files }) => void = () => {},
  { top = 'myorg-thing-app', checksum }: { top?: string; checksum?: (zip: Buffer) => string } = {}
) {
  const plugin = goodPlugin();
  edit(plugin);
  const zip = new AdmZip();
  for (const [name, content] of Object.entries(plugin.zip)) {
    if (content !== null) {
      zip.addFile(top ? `${top}/${name}` : name, Buffer.from(content));
    }
  }
  const zipPath = path.join(tmp, 'plugin.zip');
  zip.writeZip(zipPath);
  const sourceDir = path.join(tmp, 'source');
  for (const [name, content] of Object.entries(plugin.source)) {
    if (content !== null) {
      fs.mkdirSync(path.dirname(path.join(sourceDir, name)), { recursive: true });
      fs.writeFileSync(path.join(sourceDir, name), content);
    }
  }
  const result = validatePlugin({ zipPath, sourceDir, checksum: checksum?.(fs.readFileSync(zipPath)) });
  return result.findings.map((f) => `${f.severity} ${f.analyzer}/${f.rule}`);
}

const json = (files: Files, name: string, change: (j: any) => void) => {
  const j = JSON.parse(String(files[name]));
  change(j);
  files[name] = JSON.stringify(j);
};

describe('validator rules on a plugin zip', () => {
  it('find nothing wrong with a correct nested app plugin (tests may log; only src code is checked)', () => {
    expect(run(undefined, { checksum: (zip) => createHash('sha1').update(zip).digest('hex') })).toEqual([]);
    expect(run(undefined, { checksum: (zip) => createHash('md5').update(zip).digest('hex') })).toEqual([]);
  });

  it.each([
    ['two top folders', () => {}, { top: '' }, 'error archive/more-than-one-dir'],
    ['a top folder that is not the plugin id', () => {}, { top: 'thing' }, 'error archivename/no-ident-root-dir'],
    ['dist/ inside the top folder', () => {}, { top: 'myorg-thing-app/dist' }, 'error archive/dist'],
  ])('archive: %s', (_, edit, options, expected) => {
    expect(run(edit, options)).toContain(expected);
  });

  it.each([
    [
      'the nested include has no path',
      (p: any) => json(p.zip, 'plugin.json', (j) => delete j.includes[0].path),
      'error includesnested/nested-plugins-not-declared',
    ],
    [
      'the nested include has another type',
      (p: any) => json(p.zip, 'plugin.json', (j) => (j.includes[0].type = 'panel')),
      'error includesnested/nested-plugin-type-missmatch',
    ],
    [
      'a relative README link',
      (p: any) => (p.zip['README.md'] += '\n[admin](docs/admin.md)\n'),
      'error brokenlinks/relative-link',
    ],
    [
      'a relative README image',
      (p: any) => (p.zip['README.md'] += '\n![shot](./img/overview.png "Overview")\n'),
      'error brokenlinks/relative-link',
    ],
    ['a missing module.js.map', (p: any) => (p.zip['datasource/module.js.map'] = null), 'error jsMap/js-map-not-found'],
    [
      'the nested map in its own namespace (the old separate build)',
      (p: any) =>
        (p.zip['datasource/module.js.map'] = sourceMap('myorg-thing-datasource', { './module.ts': DS_SOURCE })),
      'error jsMap/js-map-no-match',
    ],
    [
      'source that differs from the map',
      (p: any) => (p.source['src/module.ts'] = APP_SOURCE + '// edited\n'),
      'error jsMap/js-map-no-match',
    ],
    [
      'a map without sourcesContent',
      (p: any) => (p.zip['module.js.map'] = JSON.stringify({ version: 3, sources: ['x'] })),
      'error jsMap/js-map-invalid',
    ],
    [
      'a logo path starting with ./',
      (p: any) => json(p.zip, 'plugin.json', (j) => (j.info.logos.small = './img/logo.svg')),
      'error metadatapaths/invalid-relative-path',
    ],
    [
      'a screenshot that is not in the zip',
      (p: any) => json(p.zip, 'plugin.json', (j) => (j.info.screenshots[0].path = 'img/gone.png')),
      'error metadatapaths/path-not-exists',
    ],
    [
      'an absolute logo URL',
      (p: any) => json(p.zip, 'datasource/plugin.json', (j) => (j.info.logos.large = 'https://example.com/l.svg')),
      'error metadatapaths/path-relative-to-metadata',
    ],
    [
      'an empty logo',
      (p: any) => json(p.zip, 'datasource/plugin.json', (j) => (j.info.logos.small = '')),
      'error logos/logos',
    ],
    [
      'a PNG named .jpg',
      (p: any) => {
        p.zip['img/overview.jpg'] = PNG;
        json(p.zip, 'plugin.json', (j) => (j.info.screenshots[0].path = 'img/overview.jpg'));
      },
      'error screenshots/screenshots-image-type',
    ],
    [
      'a screenshot that is not an image',
      (p: any) => (p.zip['img/overview.png'] = 'not an image'),
      'error screenshots/screenshots-image-type',
    ],
    [
      'no screenshots',
      (p: any) => json(p.zip, 'plugin.json', (j) => (j.info.screenshots = [])),
      'warning screenshots/screenshots',
    ],
    [
      'an SVG with a script',
      (p: any) => (p.zip['img/logo.svg'] = SVG.replace('</svg>', '<script>alert(1)</script></svg>')),
      'error unsafesvg/unsafe-svg-file',
    ],
    [
      'an SVG with an event handler',
      (p: any) => (p.zip['datasource/img/logo.svg'] = SVG.replace('<path', '<path onload="x()"')),
      'error unsafesvg/unsafe-svg-file',
    ],
    [
      'a tracking script URL',
      (p: any) => (p.zip['module.js'] += '\n"https://www.googletagmanager.com/gtag/js?id=G-1"'),
      'error trackingscripts/tracking-scripts',
    ],
    ['no LICENSE', (p: any) => (p.zip.LICENSE = null), 'error license/license-not-provided'],
    [
      'a LICENSE of another kind',
      (p: any) => (p.zip.LICENSE = 'All rights reserved.'),
      'error license/license-not-valid',
    ],
    [
      'a version package.json does not have',
      (p: any) => (p.source['package.json'] = JSON.stringify({ version: '1.2.4' })),
      'error packagejson/packagecode-version-mismatch',
    ],
    [
      'a version that is not semver',
      (p: any) => json(p.zip, 'plugin.json', (j) => (j.info.version = '%VERSION%')),
      'error version/wrong-plugin-version',
    ],
    [
      'no CHANGELOG entry for the version',
      (p: any) => (p.zip['CHANGELOG.md'] = '# Changelog\n\n## 1.2.2\n'),
      'error changelog/missing-version-entry',
    ],
    ['no README', (p: any) => (p.zip['README.md'] = null), 'error readme/missing-readme'],
    [
      'the template README',
      (p: any) => (p.zip['README.md'] += '\nGrafana App Plugin Template\n'),
      'error templatereadme/template-readme',
    ],
    [
      'an id without the type suffix',
      (p: any) => json(p.zip, 'plugin.json', (j) => (j.id = 'myorg-thing')),
      'error typesuffix/plugin-type-suffix',
    ],
    [
      'an invalid grafanaDependency',
      (p: any) => json(p.zip, 'plugin.json', (j) => (j.dependencies.grafanaDependency = 'thirteen')),
      'error grafanadependency/invalid-grafana-dependency',
    ],
    [
      'no create-plugin webpack config',
      (p: any) => (p.source['.config/webpack/webpack.config.ts'] = null),
      'error buildtools/non-standard-frontend-build-tooling',
    ],
  ])('%s', (_, edit, expected) => {
    expect(run(edit as (p: { zip: Files; source: Files }) => void)).toContain(expected);
  });

  it('checksum: a SHA1 of another file fails, a malformed one too', () => {
    expect(run(undefined, { checksum: () => 'a'.repeat(40) })).toEqual(['error checksum/checksum-invalid']);
    expect(run(undefined, { checksum: () => 'b'.repeat(64) })).toEqual(['error checksum/checksum-format-error']);
  });
});

describe('coderules on src/', () => {
  it.each([
    ["console.log('x');", 'warning coderules/console-logging'],
    ["alert('x');", 'error coderules/native-browser-dialogs'],
    ['window.confirm("sure?");', 'error coderules/native-browser-dialogs'],
    ["window.open('https://x', '_blank');", 'error coderules/window-open-without-noopener'],
    ["window.open('https://x', '_blank', 'noopener');", 'error coderules/window-open-without-noopener'],
    ['const q = window.location.search;', 'warning coderules/direct-window-location-access'],
    ['const b = window.grafanaBootData;', 'error coderules/window-properties'],
    ['if (config.featureToggles.topnav) {}', 'error coderules/topnav-toggle'],
    ["fetch('/api/ds/query');", 'error coderules/no-api-ds-query-endpoint'],
    ["import './styles.css';", 'error coderules/no-direct-css-imports'],
    ["import { Global } from '@emotion/react';", 'error coderules/no-direct-css-imports'],
    ['// @ts-ignore\nconst n: number = "x";', 'warning coderules/ts-ignore-suppress'],
    ["const c = 'gf-form-input';", 'warning coderules/deprecated-gf-form-css-classes'],
  ])('%s', (code, expected) => {
    expect(run((p) => (p.source['src/components/Thing.tsx'] = `${code}\n`))).toEqual([expected]);
  });

  it('passes window.open with noopener,noreferrer and console.warn/error', () => {
    const code =
      "window.open('https://x', '_blank', 'noopener,noreferrer');\nconsole.warn('w');\nconsole.error('e');\n";
    expect(run((p) => (p.source['src/components/Thing.tsx'] = code))).toEqual([]);
  });

  it('flags testDatasource in a backend data source class', () => {
    const code = 'class DataSource extends DataSourceWithBackend<Q> {\n  testDatasource() {\n    return 1;\n  }\n}\n';
    expect(run((p) => (p.source['src/datasource/datasource.ts'] = code))).toEqual([
      'error coderules/backend-datasource-should-not-implement-testdatasource',
    ]);
  });
});
