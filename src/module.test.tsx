import { plugin } from './module';

describe('module', () => {
  it('registers the app root and the configuration page', () => {
    expect(plugin.root).toBeDefined();
    expect(plugin.configPages).toEqual([
      expect.objectContaining({ id: 'configuration', title: 'Configuration', icon: 'cog' }),
    ]);
  });
});
