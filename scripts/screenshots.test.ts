import fs from 'fs';
import path from 'path';

import { withScreenshots } from './screenshots';

describe('withScreenshots', () => {
  const pluginJson = fs.readFileSync(path.join(__dirname, '..', 'plugin.json'), 'utf8');

  it('replaces only the screenshots list, keeping the rest of plugin.json as it was', () => {
    const entries = [
      { name: 'Overview', path: 'img/screenshots/overview.png' },
      { name: 'Lineage "health"', path: 'img/screenshots/lineage.png' },
    ];
    const out = withScreenshots(pluginJson, entries);
    const parsed = JSON.parse(out);
    expect(parsed.info.screenshots).toEqual(entries);
    const { screenshots: _a, ...restOut } = parsed.info;
    const { screenshots: _b, ...restIn } = JSON.parse(pluginJson).info;
    expect(restOut).toEqual(restIn);
    expect(parsed.includes).toEqual(JSON.parse(pluginJson).includes);
    // Idempotent: running it again with the same entries changes nothing.
    expect(withScreenshots(out, entries)).toBe(out);
  });

  it('writes an empty list when there are no screenshots', () => {
    expect(JSON.parse(withScreenshots(pluginJson, [])).info.screenshots).toEqual([]);
  });
});
