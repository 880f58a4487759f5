/**
 * The validator's rules that need the plugin's source code (its `-sourceCodeUri`): jsMap
 * (jssourcemap), buildtools and packagejson. coderules lives in codeRules.ts.
 */
import fs from 'fs';
import path from 'path';

import { Finding, reporter, UnpackedPlugin } from './types';

/** Source names the validator skips: externals, webpack runtime, dependencies, styles and data files. */
export function isIgnoredSource(name: string): boolean {
  const file = name.includes('?') ? name.slice(0, name.indexOf('?')) : name;
  if (file.includes('/node_modules/.pnpm/')) {
    return true;
  }
  if (['.css', '.scss', '.sass', '.less', '.svg', '.svg$', '.json'].some((ext) => file.endsWith(ext))) {
    return true;
  }
  return ['external ', 'webpack/', '../node_modules', './node_modules/'].some(
    (start) => file.length > start.length && file.startsWith(start)
  );
}

/** The `sources` of a map that must be found under `src/`, after the validator strips `webpack://<id>/`. */
export function mappedSources(pluginId: string, map: { sources?: string[]; sourcesContent?: string[] }) {
  const prefix = new RegExp(`^webpack://${pluginId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/*|^webpack:/*`);
  return (map.sources ?? [])
    .map((source, i) => ({ source, file: source.replace(prefix, ''), content: map.sourcesContent?.[i] }))
    .filter((s) => !isIgnoredSource(s.file));
}

/**
 * jsMap: every module.js has a module.js.map whose sources, namespaced by the ROOT plugin's id, are
 * the files under src/ byte for byte (CRLF ignored). The validator checks module.js maps; lazy chunk
 * maps get the same check here, since their code ships too.
 */
export function jsSourceMap(plugin: UnpackedPlugin, sourceDir: string, findings: Finding[]) {
  const report = reporter(findings, 'jsMap');
  const modules = plugin.files.filter((f) => path.posix.basename(f) === 'module.js');
  const missing = modules.filter((m) => !plugin.files.includes(`${m}.map`));
  for (const m of missing) {
    report(
      'js-map-not-found',
      'error',
      `missing ${m}.map in archive`,
      'You must include generated source maps for your plugin in your archive file. If you have nested plugins, you must include the source maps for each plugin'
    );
  }
  if (missing.length > 0) {
    return;
  }
  // The validator takes the id of the first plugin.json its walk finds: the root one.
  const pluginId = plugin.metadata['plugin.json']?.id ?? '';
  const maps = plugin.files.filter((f) => f.endsWith('.js.map'));
  for (const mapFile of maps) {
    let map: { sources?: string[]; sourcesContent?: string[] };
    try {
      map = JSON.parse(fs.readFileSync(path.join(plugin.dir, mapFile), 'utf8'));
    } catch {
      report('js-map-invalid', 'error', `the sourcemap file ${mapFile} could not be validated`);
      continue;
    }
    const sources = map.sources ?? [];
    if (sources.length === 0 || (map.sourcesContent ?? []).length !== sources.length) {
      report(
        'js-map-invalid',
        'error',
        `the sourcemap file ${mapFile} could not be validated`,
        'sources and sourcesContent must be present and the same length'
      );
      continue;
    }
    const differing = mappedSources(pluginId, map).filter(({ file, content }) => {
      const onDisk = path.join(sourceDir, 'src', file);
      return (
        !fs.existsSync(onDisk) ||
        fs.readFileSync(onDisk, 'utf8').replace(/\r\n/g, '\n') !== (content ?? '').replace(/\r\n/g, '\n')
      );
    });
    if (differing.length > 0) {
      report(
        'js-map-no-match',
        'error',
        `${mapFile}: the provided javascript/typescript source code does not match your plugin archive assets.`,
        `The following ${differing.length} file(s) differ when comparing source map with source code (src/):\n` +
          differing.map((d) => `  - ${d.file} (${d.source})`).join('\n')
      );
    }
  }
}

/** buildtools: create-plugin's webpack config is what builds the plugin. */
export function buildTools(sourceDir: string, findings: Finding[]) {
  const config = path.join(sourceDir, '.config', 'webpack', 'webpack.config.ts');
  if (!fs.existsSync(config) || !fs.readFileSync(config, 'utf8').includes('@grafana/create-plugin')) {
    reporter(findings, 'buildtools')(
      'non-standard-frontend-build-tooling',
      'error',
      'non-standard frontend build tooling',
      "The plugin does not appear to use Grafana's standard frontend build tooling (.config/webpack/webpack.config.ts from @grafana/create-plugin)."
    );
  }
}

/** packagejson: the source's package.json version is the zip's plugin.json version. */
export function packageJson(plugin: UnpackedPlugin, sourceDir: string, findings: Finding[]) {
  const report = reporter(findings, 'packagejson');
  let version: string | undefined;
  try {
    version = JSON.parse(fs.readFileSync(path.join(sourceDir, 'package.json'), 'utf8')).version;
  } catch {
    report('packagejson-not-found', 'error', `Could not find or parse package.json from ${sourceDir}`);
    return;
  }
  const shipped = plugin.metadata['plugin.json']?.info?.version;
  if (version !== shipped) {
    report(
      'packagecode-version-mismatch',
      'error',
      `The version in package.json (${version}) doesn't match the version in plugin.json (${shipped})`
    );
  }
}
