// Builds the sandbox host: a page that plays Grafana's part for the BUILT plugin bundles.
// Unlike the plugin build, everything Grafana shares with plugins (react, @grafana/*, rxjs, …) is
// bundled IN here, because the host is what provides those externals to the plugin at runtime.
// swc-loader, not esbuild: esbuild's CJS default-import interop breaks @grafana/ui's CustomScrollbar.
const path = require('path');
const webpack = require('webpack');
const TerserPlugin = require('terser-webpack-plugin');

const ROOT = path.resolve(__dirname, '..');
const NM = path.join(ROOT, 'node_modules');

module.exports = (env = {}) => {
  // Production React (faster pages, no dev-only warnings); minification off keeps the build quick.
  const minimize = Boolean(env.minimize);
  return {
    name: 'sandbox-host',
    context: path.join(__dirname, 'host'),
    mode: 'production',
    devtool: env.sourcemaps ? 'source-map' : false,
    entry: { host: './index.tsx' },
    output: {
      path: path.join(__dirname, '.build'),
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      publicPath: '/sandbox/build/',
      clean: true,
    },
    module: {
      rules: [
        {
          test: /\.[cm]?[tj]sx?$/,
          exclude: /node_modules/,
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
        // Some ESM files in @grafana/* import without extensions.
        { test: /\.m?js$/, include: /node_modules/, resolve: { fullySpecified: false } },
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.(png|jpe?g|gif|svg|woff2?)$/, type: 'asset/resource' },
      ],
    },
    optimization: {
      minimize,
      // swc's minifier: seconds instead of terser's minutes on a bundle this size.
      minimizer: [new TerserPlugin({ minify: TerserPlugin.swcMinify, extractComments: false })],
      splitChunks: false,
    },
    performance: { hints: false },
    plugins: [new webpack.DefinePlugin({ 'process.env.NODE_ENV': JSON.stringify('production') })],
    resolve: {
      extensions: ['.js', '.jsx', '.ts', '.tsx', '.mjs'],
      alias: {
        // Grafana-internal entry points that the npm packages do not export (Grafana core imports
        // them from source). Same files as the public entry points import, so one module instance.
        'sandbox-internal/runtime-plugin-page$': path.join(NM, '@grafana/runtime/dist/esm/components/PluginPage.mjs'),
        'sandbox-internal/i18n$': path.join(NM, '@grafana/i18n/dist/esm/i18n.mjs'),
        // One copy of each shared library, whatever nested copy a package would resolve. (react-router
        // resolves to the single top-level v6 by itself; the v5 nested under @grafana/ui only
        // serves react-router-dom-v5-compat's CompatRouter.)
        react: path.join(NM, 'react'),
        'react-dom': path.join(NM, 'react-dom'),
        // Grafana shares this package (v6 API re-exported over the same react-router) as "react-router".
        'react-router-dom-v5-compat': path.join(NM, '@grafana/ui/node_modules/react-router-dom-v5-compat'),
        rxjs: path.join(NM, 'rxjs'),
        '@emotion/css': path.join(NM, '@emotion/css'),
        '@emotion/react': path.join(NM, '@emotion/react'),
        i18next: path.join(NM, 'i18next'),
      },
      fallback: { fs: false, path: false, os: false, crypto: false, stream: false, buffer: false },
    },
    stats: 'errors-warnings',
  };
};
