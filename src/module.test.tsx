import { plugin } from './module';

describe('module', () => {
  it("registers Cascade's links for Grafana's extension points (src/extensions)", () => {
    expect(plugin.addedLinkConfigs.map((l) => l.targets)).toEqual([
      ['grafana/traceview/details'],
      ['grafana/traceview/resource-attributes'],
      ['grafana/alerting/instance/action'],
      ['grafana/dashboard/panel/menu'],
      ['grafana/explore/toolbar/action'],
      ['grafana/commandpalette/action'],
    ]);
  });

  it('registers the app root and the configuration page', () => {
    expect(plugin.root).toBeDefined();
    expect(plugin.configPages).toEqual([
      expect.objectContaining({ id: 'configuration', title: 'Configuration', icon: 'cog' }),
    ]);
  });
});
