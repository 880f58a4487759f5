import { spawnSync } from 'node:child_process';
import path from 'node:path';

// Lints made-up files at real paths with the project's own eslint.config.mjs, so the layer rules are proven to bite.
const root = path.resolve(__dirname, '../..');

// The eslint CLI, not its API: the flat config is ESM, which Jest's module loader does not import.
// import/no-cycle needs the file on disk, so it is off for these stdin probes.
async function ruleIds(file: string, code: string): Promise<string[]> {
  const eslint = path.join(root, 'node_modules/.bin/eslint');
  const run = spawnSync(
    eslint,
    ['--format', 'json', '--rule', 'import/no-cycle: off', '--stdin', '--stdin-filename', file],
    {
      cwd: root,
      input: code,
      encoding: 'utf8',
    }
  );
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('folder layers (docs/architecture.md)', () => {
  jest.setTimeout(120_000);

  it('rejects an upward import (a folder cycle would need one)', async () => {
    const ids = await ruleIds(
      'src/model/probe.ts',
      "import { formatValue } from '../views/format';\nexport const x = formatValue;\n"
    );
    expect(ids).toContain('import/no-restricted-paths');
  });

  it('rejects the data source importing the app shell', async () => {
    const ids = await ruleIds(
      'src/datasource/probe.ts',
      "import { ROUTES } from '../constants';\nexport const x = ROUTES;\n"
    );
    expect(ids).toContain('import/no-restricted-paths');
  });

  it('rejects production code importing test support, allows it in tests', async () => {
    const code = "import { LINKS } from '../testing/testPipeline';\nexport const x = LINKS;\n";
    expect(await ruleIds('src/views/probe.ts', code)).toContain('import/no-restricted-paths');
    expect(await ruleIds('src/views/probe.test.ts', code)).not.toContain('import/no-restricted-paths');
  });

  it('allows a downward import', async () => {
    const ids = await ruleIds(
      'src/views/probe.ts',
      "import { DEFAULT_LIMITS } from '../model';\nexport const x = DEFAULT_LIMITS;\n"
    );
    expect(ids).not.toContain('import/no-restricted-paths');
  });
});
