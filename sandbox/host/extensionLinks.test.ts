import type { PluginExtensionAddedLinkConfig } from '@grafana/data';
import { linksFor, registrationProblems } from './extensionLinks';

const APP = 'cascade-pipeline-app';
const POINT = 'grafana/dashboard/panel/menu';
const link = (over: Partial<PluginExtensionAddedLinkConfig<object>> = {}): PluginExtensionAddedLinkConfig<object> => ({
  title: 'Open asset in Cascade',
  description: 'Open the asset this panel shows in Cascade',
  targets: [POINT],
  path: `/a/${APP}/assets`,
  ...over,
});
const declared = [{ title: 'Open asset in Cascade', targets: [POINT], description: 'x' }];

describe('registrationProblems (Grafana refuses undeclared or pathless links)', () => {
  it('accepts a link plugin.json declares with the same title and targets', () => {
    expect(registrationProblems(APP, link(), declared)).toEqual([]);
    expect(registrationProblems(APP, link({ targets: POINT }), declared)).toEqual([]);
  });

  it('refuses undeclared titles or targets, links without path or onClick, and paths outside the app', () => {
    expect(registrationProblems(APP, link({ title: 'Other' }), declared)).toHaveLength(1);
    expect(
      registrationProblems(APP, link({ targets: [POINT, 'grafana/explore/toolbar/action'] }), declared)
    ).toHaveLength(1);
    expect(registrationProblems(APP, link({ path: undefined }), declared)).toEqual([
      '"Open asset in Cascade" has neither a path nor an onClick',
    ]);
    expect(registrationProblems(APP, link({ path: '/d/x' }), declared)[0]).toMatch(
      /outside \/a\/cascade-pipeline-app\//
    );
  });
});

describe('linksFor (what an extension point shows per context)', () => {
  it('applies configure(): undefined hides, overrides apply, paths must stay in the app', () => {
    const configure = (ctx?: Readonly<{ asset?: string }>) =>
      ctx?.asset ? { path: `/a/${APP}/assets/${ctx.asset}`, description: `Open ${ctx.asset}` } : undefined;
    const links = [link({ configure: configure as never })];
    expect(linksFor(APP, POINT, links, { asset: 'a' })).toEqual([
      {
        title: 'Open asset in Cascade',
        description: 'Open a',
        path: `/a/${APP}/assets/a`,
        category: undefined,
        icon: undefined,
      },
    ]);
    expect(linksFor(APP, POINT, links, {})).toEqual([]);
    expect(linksFor(APP, 'grafana/explore/toolbar/action', links, { asset: 'a' })).toEqual([]);
    const escaping = [link({ configure: () => ({ path: '/admin' }) })];
    expect(linksFor(APP, POINT, escaping, {})).toEqual([]);
  });

  it('passes a read-only context, as Grafana does', () => {
    const mutating = [
      link({
        configure: (ctx?: object) => {
          (ctx as { x?: number }).x = 1;
          return {};
        },
      }),
    ];
    expect(() => linksFor(APP, POINT, mutating, { nested: { y: 1 } })).toThrow(TypeError);
  });
});
