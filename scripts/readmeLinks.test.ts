import { readmeLinkTargets } from './pluginValidator/contentRules';
import { absolutizeReadmeLinks, normalizeRepositoryUrl, repositoryUrlOf } from './readmeLinks';

const README = [
  '# Cascade',
  'Install: step by step in [docs/admin.md](docs/admin.md), or [the sandbox](./sandbox/README.md#run).',
  '![overview](docs/screenshots/overview.png)',
  '[Grafana](https://grafana.com) · [top](#cascade) · [mail](mailto:team@example.com)',
  'A link whose text [spans',
  'two lines](docs/performance.md) and one with a title [perf](docs/performance.md "Performance").',
].join('\n');

describe('absolutizeReadmeLinks', () => {
  it('points relative links into the repository (blob) and images at their raw files', () => {
    const { markdown, rewritten } = absolutizeReadmeLinks(README, 'https://github.com/acme/cascade');
    expect(markdown).toContain('[docs/admin.md](https://github.com/acme/cascade/blob/HEAD/docs/admin.md)');
    expect(markdown).toContain('[the sandbox](https://github.com/acme/cascade/blob/HEAD/sandbox/README.md#run)');
    expect(markdown).toContain('![overview](https://github.com/acme/cascade/raw/HEAD/docs/screenshots/overview.png)');
    expect(markdown).toContain('two lines](https://github.com/acme/cascade/blob/HEAD/docs/performance.md)');
    expect(markdown).toContain('[perf](https://github.com/acme/cascade/blob/HEAD/docs/performance.md "Performance")');
    expect(markdown).toContain('[Grafana](https://grafana.com) · [top](#cascade) · [mail](mailto:team@example.com)');
    expect(rewritten).toHaveLength(5);
    // What the validator's brokenlinks rule reads: nothing relative is left.
    expect(readmeLinkTargets(markdown).filter((t) => !/^(https?:|mailto:)/.test(t))).toEqual([]);
  });

  it('without a repository URL keeps the text of relative links and drops relative images', () => {
    const { markdown } = absolutizeReadmeLinks(README, undefined);
    expect(markdown).toContain('step by step in docs/admin.md, or the sandbox.');
    expect(markdown).not.toContain('overview.png');
    expect(markdown).toContain('[Grafana](https://grafana.com)');
    expect(readmeLinkTargets(markdown).filter((t) => !/^(https?:|mailto:)/.test(t))).toEqual([]);
  });

  it('finds the repository in package.json, or a plugin.json link that names the source', () => {
    expect(normalizeRepositoryUrl('git+https://github.com/acme/cascade.git')).toBe('https://github.com/acme/cascade');
    expect(normalizeRepositoryUrl({ url: 'https://gitlab.com/acme/cascade/' })).toBe('https://gitlab.com/acme/cascade');
    expect(normalizeRepositoryUrl('github:acme/cascade')).toBe('https://github.com/acme/cascade');
    expect(normalizeRepositoryUrl('file:../x')).toBeUndefined();
    const pluginJson = {
      info: {
        links: [
          { name: 'Docs', url: 'https://x.dev' },
          { name: 'Source code', url: 'https://github.com/acme/c' },
        ],
      },
    };
    expect(repositoryUrlOf({}, pluginJson)).toBe('https://github.com/acme/c');
    expect(repositoryUrlOf({ repository: 'acme/other' }, pluginJson)).toBe('https://github.com/acme/other');
    expect(repositoryUrlOf({}, { info: { links: [{ name: 'Docs', url: 'https://x.dev' }] } })).toBeUndefined();
  });
});
