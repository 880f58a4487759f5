/*
 * Cascade's build: create-plugin's standard config (.config/webpack/webpack.config.ts) extended the
 * way create-plugin documents (a root webpack.config.ts merging its own settings over Grafana's).
 * Run with `npm run build` / `npm run dev` (webpack through tsx, see package.json).
 *
 * What this project adds or changes, and why:
 * - Externals: the modules Grafana 13 shares with plugins (incl. react/jsx-runtime, i18next and the
 *   @grafana/* subpaths); @grafana/i18n is bundled on purpose (Grafana 13.2 does not share it).
 * - swc with React's automatic JSX runtime and an ES2020 target (Grafana 13's browser floor).
 * - An explicit copy list (the app's plugin.json lives at the repository root; only what Grafana
 *   serves is copied, never test files or fixtures) with placeholders filled per plugin id and the
 *   README's links made absolute for the plugin catalog (scripts/readmeLinks.ts).
 * - Lazy chunks named `<name>.<contenthash>.js`; a nested plugin's chunks go to its own folder
 *   (Grafana serves it from there), and a chunk shared by two plugins fails the build.
 * - A `/* <plugin id>@<version> *\/` banner on each entry; licence comments stay inline (no
 *   `.LICENSE.txt` files next to the chunks).
 */
import CopyWebpackPlugin from 'copy-webpack-plugin';
import fs from 'fs';
import path from 'path';
import TerserPlugin from 'terser-webpack-plugin';
import { BannerPlugin, type Compiler, type Configuration, type RuleSetRule, WebpackError } from 'webpack';
import { merge } from 'webpack-merge';

import grafanaConfig, { fillPlaceholders } from './.config/webpack/webpack.config';
import { absolutizeReadmeLinks, repositoryUrlOf } from './scripts/readmeLinks';

const ROOT = __dirname;
const SRC = path.join(ROOT, 'src');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const pkg = readJson(path.join(ROOT, 'package.json'));
const appJson = readJson(path.join(ROOT, 'plugin.json'));

/** Modules Grafana shares with plugins at runtime: never bundled (AMD dependencies of module.js). */
export const SHARED_MODULES = [
  'lodash',
  'jquery',
  'moment',
  'slate',
  'emotion',
  '@emotion/react',
  '@emotion/css',
  'prismjs',
  'slate-plain-serializer',
  '@grafana/slate-react',
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-redux',
  'redux',
  'rxjs',
  'i18next',
  'react-router',
  'd3',
  'angular',
  '@grafana/ui',
  '@grafana/runtime',
  '@grafana/data',
];

const externals: Configuration['externals'] = [
  // Required for dynamic publicPath resolution.
  { 'amd-module': 'module' },
  ...SHARED_MODULES.filter((n) => !n.startsWith('@grafana/')),
  /^@grafana\/ui/i,
  /^@grafana\/runtime/i,
  /^@grafana\/data/i,
  /^rxjs\/operators$/,
];

const swcRule: RuleSetRule = {
  exclude: /node_modules/,
  test: /\.[tj]sx?$/,
  use: {
    loader: 'swc-loader',
    options: {
      jsc: {
        baseUrl: SRC,
        target: 'es2020',
        parser: { syntax: 'typescript', tsx: true, decorators: false, dynamicImport: true },
        transform: { react: { runtime: 'automatic' } },
      },
    },
  },
};

const usesLoader = (rule: unknown, loader: string) => JSON.stringify((rule as RuleSetRule).use ?? '').includes(loader);

/** The folder of a nested plugin's entry (`datasource/module` -> `datasource`), '' for the app. */
const folderOf = (entryName: string) => (entryName.includes('/') ? entryName.slice(0, entryName.lastIndexOf('/')) : '');

/** Each entry's plugin id, from the plugin.json next to its module. */
function pluginIds(entries: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(entries).map((name) => {
      const folder = folderOf(name);
      return [name, folder ? readJson(path.join(SRC, folder, 'plugin.json')).id : appJson.id];
    })
  );
}

/** Fails the build when a lazy chunk is needed by two plugins: each one loads chunks from its own folder. */
export class NestedChunksGuardPlugin {
  apply(compiler: Compiler) {
    compiler.hooks.thisCompilation.tap('NestedChunksGuard', (compilation) => {
      compilation.hooks.afterSeal.tap('NestedChunksGuard', () => {
        for (const chunk of compilation.chunks) {
          const runtimes = typeof chunk.runtime === 'string' ? [chunk.runtime] : [...(chunk.runtime ?? [])];
          const folders = new Set(runtimes.map(folderOf));
          if (!chunk.hasRuntime() && folders.size > 1) {
            compilation.errors.push(
              new WebpackError(`chunk ${chunk.name ?? chunk.id} is shared by the entries ${runtimes.join(', ')}`)
            );
          }
        }
      });
    });
  }
}

/** Lazy chunk names: a chunk only a nested plugin's entry loads goes to that plugin's folder. */
export function nestedChunkFilename(production: boolean): NonNullable<Configuration['output']>['chunkFilename'] {
  return (pathData) => {
    const runtime = pathData.chunk && 'runtime' in pathData.chunk ? pathData.chunk.runtime : undefined;
    const folder = typeof runtime === 'string' ? folderOf(runtime) : '';
    const name = production ? '[name].[contenthash:8].js' : '[name].js';
    return folder ? `${folder}/${name}` : name;
  };
}

const config = async (env: Record<string, unknown>): Promise<Configuration> => {
  const baseConfig = await grafanaConfig(env);
  const entries = baseConfig.entry as Record<string, string>;
  const ids = pluginIds(entries);
  const production = Boolean(env.production);
  const repositoryUrl = repositoryUrlOf(pkg, appJson);

  const projectConfig: Configuration = {
    cache: {
      type: 'filesystem',
      buildDependencies: { config: [__filename, path.join(ROOT, 'scripts/readmeLinks.ts')] },
    },
    output: { chunkFilename: nestedChunkFilename(production) },
    performance: { hints: false },
    plugins: [
      new BannerPlugin({
        banner: ({ chunk }) => `/* ${ids[chunk.name ?? ''] ?? appJson.id}@${pkg.version} */`,
        raw: true,
        entryOnly: true,
      }),
      new NestedChunksGuardPlugin(),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: path.join(ROOT, 'plugin.json'),
            to: 'plugin.json',
            transform: (c) => fillPlaceholders(c, appJson.id),
          },
          {
            from: path.join(ROOT, 'README.md'),
            to: 'README.md',
            transform: (c) => absolutizeReadmeLinks(fillPlaceholders(c, appJson.id), repositoryUrl).markdown,
          },
          { from: path.join(ROOT, 'CHANGELOG.md'), to: 'CHANGELOG.md' },
          { from: path.join(ROOT, 'LICENSE'), to: 'LICENSE', toType: 'file' },
          { from: 'img', to: 'img' },
          { from: 'dashboards', to: 'dashboards', noErrorOnMissing: true, globOptions: { ignore: ['**/*.test.*'] } },
          // Nested plugins: their plugin.json (placeholders filled with their own id) and images.
          ...Object.keys(entries)
            .map(folderOf)
            .filter(Boolean)
            .flatMap((folder) => [
              {
                from: `${folder}/plugin.json`,
                to: `${folder}/plugin.json`,
                transform: (c: Buffer) => fillPlaceholders(c, ids[`${folder}/module`]),
              },
              { from: `${folder}/img`, to: `${folder}/img`, noErrorOnMissing: true },
            ]),
        ],
      }),
    ],
  };

  const merged = merge(
    {
      ...baseConfig,
      // Replaced, not merged: the project's list of Grafana's shared modules and its own copy list.
      externals,
      plugins: (baseConfig.plugins ?? []).filter((p) => !(p instanceof CopyWebpackPlugin)),
      optimization: {
        ...baseConfig.optimization,
        minimizer: [
          new TerserPlugin({
            extractComments: false,
            terserOptions: {
              // Kept: create-plugin's version banner, ours, and licence notices. Self-contained: terser
              // runs it in worker processes from its source text.
              format: {
                comments: (_, { value }) =>
                  /^\s*\[create-plugin\]|^ [\w-]+@\d+\.\d+\.\d+ $|^\**!|@preserve|@license|@cc_on/i.test(value),
              },
              compress: { drop_console: ['log', 'info'] },
            },
          }),
        ],
      },
      module: {
        ...baseConfig.module,
        rules: (baseConfig.module?.rules ?? []).map((rule) =>
          usesLoader(rule, 'swc-loader')
            ? swcRule
            : (rule as RuleSetRule).type === 'asset/resource' && String((rule as RuleSetRule).test).includes('png')
              ? { ...(rule as RuleSetRule), generator: { filename: '[path][name][ext]' } }
              : rule
        ),
      },
    },
    projectConfig
  );
  return merged;
};

export default config;
