import fs from 'fs';
import path from 'path';
import { cascadeLinks } from './links';
import { EXTENSION_POINTS } from './extensionPoints';

const appJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'plugin.json'), 'utf8'));
const identity = (text: string) => text;
const asList = (t: string | string[]) => (Array.isArray(t) ? t : [t]);

describe('cascadeLinks', () => {
  const links = cascadeLinks(identity);

  it('adds one link per extension point of issue 15 (plus the trace view attribute rows)', () => {
    expect(links.flatMap((l) => asList(l.targets)).sort()).toEqual(Object.values(EXTENSION_POINTS).sort());
  });

  it("is declared in plugin.json's extensions.addedLinks with the same title, description and targets", () => {
    // Grafana refuses an added link whose title and targets plugin.json does not list.
    const declared = appJson.extensions.addedLinks;
    expect(declared).toEqual(
      links.map((l) => ({ targets: asList(l.targets), title: l.title, description: l.description }))
    );
  });

  it("sets only fields Grafana 12.0's link config has (no `group`: scripts/levitate.ts REVIEWED_CHANGES)", () => {
    const GRAFANA_12_0_FIELDS = ['title', 'description', 'targets', 'path', 'onClick', 'configure', 'icon', 'category'];
    for (const link of links) {
      expect(Object.keys(link).filter((k) => !GRAFANA_12_0_FIELDS.includes(k))).toEqual([]);
      // What configure() returns is read against the same type.
      const out = link.configure?.({}) ?? {};
      expect(Object.keys(out).filter((k) => !GRAFANA_12_0_FIELDS.includes(k))).toEqual([]);
    }
  });

  it('points every link inside the app, as Grafana requires of added links', () => {
    for (const link of links) {
      expect(link.path).toMatch(/^\/a\/cascade-pipeline-app\//);
    }
  });

  it("feeds the panel menu and Explore links' variables through the given interpolation", () => {
    const withVars = cascadeLinks((t) => t.replace('$asset', 'stg_a'));
    const context = {
      targets: [{ refId: 'A', datasource: { type: 'cascade-pipeline-datasource' }, assets: ['$asset'] }],
    };
    for (const point of [EXTENSION_POINTS.dashboardPanelMenu, EXTENSION_POINTS.exploreToolbarAction]) {
      const at = (list: typeof links) => list.find((l) => asList(l.targets).includes(point))!;
      expect(at(withVars).configure?.(context)?.path).toBe('/a/cascade-pipeline-app/assets/stg_a');
      expect(at(links).configure?.(context)).toBeUndefined();
    }
  });
});
