// Owned build config following @grafana/create-plugin conventions (AMD module.js, Grafana's shared
// externals, dynamic public path) in plain CommonJS so it runs on Node 20 without ts-node.
const path = require('path');
const fs = require('fs');
const webpack = require('webpack');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const TerserPlugin = require('terser-webpack-plugin');
const VirtualModulesPlugin = require('webpack-virtual-modules');
const { externals } = require('./externals');

const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Fill the create-plugin placeholders in plugin.json files. */
function fillPlaceholders(content, pluginId) {
  return content
    .toString()
    .replace(/%VERSION%/g, pkg.version)
    .replace(/%TODAY%/g, new Date().toISOString().substring(0, 10))
    .replace(/%PLUGIN_ID%/g, pluginId);
}

function pluginConfig(env, { pluginJsonPath, context, outDir, entry, copy }) {
  const pluginJson = JSON.parse(fs.readFileSync(pluginJsonPath, 'utf8'));
  const production = Boolean(env.production);
  // Lazy chunks must load next to module.js wherever Grafana serves the plugin from.
  const virtualPublicPath = new VirtualModulesPlugin({
    [path.join(context, 'node_modules/grafana-public-path.js')]: `
import amdMetaModule from 'amd-module';
__webpack_public_path__ =
  amdMetaModule && amdMetaModule.uri
    ? amdMetaModule.uri.slice(0, amdMetaModule.uri.lastIndexOf('/') + 1)
    : 'public/plugins/${pluginJson.id}/';
`,
  });
  return {
    name: pluginJson.id,
    context,
    devtool: production ? 'source-map' : 'eval-source-map',
    entry: { module: entry },
    externals,
    mode: production ? 'production' : 'development',
    module: {
      rules: [
        {
          test: /module\.tsx?$/,
          include: [path.join(context, path.basename(entry))],
          use: [{ loader: 'imports-loader', options: { imports: 'side-effects grafana-public-path' } }],
        },
        {
          exclude: /node_modules/,
          test: /\.[tj]sx?$/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                target: 'es2020',
                parser: { syntax: 'typescript', tsx: true, decorators: false, dynamicImport: true },
                transform: { react: { runtime: 'automatic' } },
              },
            },
          },
        },
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.(png|jpe?g|gif|svg)$/, type: 'asset/resource', generator: { filename: '[path][name][ext]' } },
      ],
    },
    optimization: {
      minimize: production,
      minimizer: [
        new TerserPlugin({ extractComments: false, terserOptions: { compress: { drop_console: ['log', 'info'] } } }),
      ],
    },
    output: {
      // The app's dist/ holds the nested data source, built in parallel: never clean that away.
      clean: outDir === DIST ? { keep: /^datasource([\\/]|$)/ } : true,
      filename: '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      library: { type: 'amd' },
      path: outDir,
      publicPath: `public/plugins/${pluginJson.id}/`,
      uniqueName: pluginJson.id,
    },
    performance: { hints: false },
    plugins: [
      virtualPublicPath,
      new webpack.BannerPlugin({ banner: `/* ${pluginJson.id}@${pkg.version} */`, raw: true, entryOnly: true }),
      new CopyWebpackPlugin({
        patterns: copy.map((p) => ({
          ...p,
          noErrorOnMissing: Boolean(p.noErrorOnMissing),
          transform: /plugin\.json$/.test(p.from) ? (c) => fillPlaceholders(c, pluginJson.id) : undefined,
        })),
      }),
    ],
    resolve: {
      extensions: ['.js', '.jsx', '.ts', '.tsx'],
      modules: [SRC, 'node_modules'],
    },
  };
}

module.exports = (env = {}) => [
  pluginConfig(env, {
    pluginJsonPath: path.join(ROOT, 'plugin.json'),
    context: SRC,
    outDir: DIST,
    entry: './module.tsx',
    copy: [
      { from: path.join(ROOT, 'plugin.json'), to: 'plugin.json' },
      { from: path.join(ROOT, 'README.md'), to: 'README.md', noErrorOnMissing: true },
      { from: path.join(ROOT, 'CHANGELOG.md'), to: 'CHANGELOG.md', noErrorOnMissing: true },
      { from: path.join(ROOT, 'LICENSE'), to: 'LICENSE', toType: 'file', noErrorOnMissing: true },
      { from: 'img', to: 'img' },
      { from: 'dashboards', to: 'dashboards', noErrorOnMissing: true, globOptions: { ignore: ['**/*.test.*'] } },
    ],
  }),
  pluginConfig(env, {
    pluginJsonPath: path.join(SRC, 'datasource', 'plugin.json'),
    context: path.join(SRC, 'datasource'),
    outDir: path.join(DIST, 'datasource'),
    entry: './module.ts',
    copy: [
      { from: 'plugin.json', to: 'plugin.json' },
      { from: 'img', to: 'img' },
    ],
  }),
];
