/**
 * Grafana serves a nested plugin from its own folder (public/plugins/<nested id>/), so the lazy
 * chunks of the data source entry must be emitted under dist/datasource/, and a chunk that both
 * plugins would load cannot be placed right for both: the build config puts the first kind in the
 * nested folder and fails on the second. Checked with real webpack on a two-entry fixture.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import webpack from 'webpack';

import { nestedChunkFilename, NestedChunksGuardPlugin } from '../../webpack.config';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-nested-chunks-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Compiles `files` with entries `module` (app) and `datasource/module`; returns emitted files and errors. */
function compile(files: Record<string, string>): Promise<{ emitted: string[]; errors: string[] }> {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(tmp, 'src', name)), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'src', name), content);
  }
  const compiler = webpack({
    mode: 'production',
    context: path.join(tmp, 'src'),
    entry: { module: './module.js', 'datasource/module': './datasource/module.js' },
    output: {
      path: path.join(tmp, 'dist'),
      filename: '[name].js',
      chunkFilename: nestedChunkFilename(true),
      library: { type: 'amd' },
    },
    optimization: { minimize: false },
    plugins: [new NestedChunksGuardPlugin()],
  });
  return new Promise((resolve, reject) =>
    compiler.run((err, stats) => {
      if (err || !stats) {
        reject(err);
        return;
      }
      const json = stats.toJson({ assets: true, errors: true });
      compiler.close(() =>
        resolve({
          emitted: (json.assets ?? []).map((a) => a.name).sort(),
          errors: (json.errors ?? []).map((e) => e.message),
        })
      );
    })
  );
}

describe('lazy chunks of a nested plugin', () => {
  it("are emitted in the nested plugin's folder, the app's at the top", async () => {
    const { emitted, errors } = await compile({
      'module.js': "export const load = () => import(/* webpackChunkName: 'page' */ './page');",
      'page.js': 'export default 1;',
      'datasource/module.js': "export const load = () => import(/* webpackChunkName: 'editor' */ './editor');",
      'datasource/editor.js': 'export default 2;',
    });
    expect(errors).toEqual([]);
    expect(emitted).toHaveLength(4);
    expect(emitted).toEqual(expect.arrayContaining(['module.js', 'datasource/module.js']));
    expect(emitted.filter((f) => /^datasource\/editor\.[0-9a-f]{8}\.js$/.test(f))).toHaveLength(1);
    expect(emitted.filter((f) => /^page\.[0-9a-f]{8}\.js$/.test(f))).toHaveLength(1);
  }, 60_000);

  it('fail the build when both plugins would load the same chunk', async () => {
    const { errors } = await compile({
      'module.js': "export const load = () => import(/* webpackChunkName: 'shared' */ './shared');",
      'datasource/module.js': "export const load = () => import(/* webpackChunkName: 'shared' */ '../shared');",
      'shared.js': 'export default 3;',
    });
    expect(errors.join('\n')).toMatch(/chunk shared is shared by the entries/);
  }, 60_000);
});
