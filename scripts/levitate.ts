/**
 * Compatibility check: does the plugin only use @grafana/data, @grafana/ui and @grafana/runtime APIs
 * that exist, with the same signatures, in the OLDEST Grafana that plugin.json claims to support?
 *
 * Uses @grafana/levitate's own comparison (the engine of `levitate is-compatible`), with two fixes
 * over the CLI: it analyses the code with the project's tsconfig (the CLI's default compiler options
 * do not follow `baseUrl` imports, so it can silently skip files), and it fails when a package
 * cannot be fetched or compared (the CLI logs "Could not process the package" and reports success).
 * Needs only the npm registry. Exit codes: 0 compatible, 1 incompatible, 2 could not check.
 *
 * Usage: tsx scripts/levitate.ts [--target 13.2.0] [--entry file ...]
 *   --target  Grafana version to check against (default: the floor of grafanaDependency)
 *   --entry   module(s) to check (default: the app's and the data source's module files)
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';
import { pathToFileURL } from 'url';

import { findReact19Uses } from './react18Check';

const ROOT = path.resolve(__dirname, '..');
const ENTRIES = ['src/module.tsx', 'src/datasource/module.ts'];
const PACKAGES = ['@grafana/data', '@grafana/ui', '@grafana/runtime'];
const MANIFESTS = ['plugin.json', 'src/datasource/plugin.json'];

/** `>=13.2.0` in every manifest → `13.2.0`. Throws if a range is not a plain floor or they disagree. */
export function grafanaFloor(ranges: string[]): string {
  const floors = ranges.map((r) => {
    const m = /^>=\s*(\d+\.\d+\.\d+)$/.exec(r.trim());
    if (!m) {
      throw new Error(`grafanaDependency "${r}" is not of the form ">=X.Y.Z"`);
    }
    return m[1];
  });
  if (new Set(floors).size !== 1) {
    throw new Error(`the plugins claim different Grafana floors: ${floors.join(', ')}`);
  }
  return floors[0];
}

/** The project's own compiler options, so the analysed program sees exactly what tsc sees. */
function projectCompilerOptions(): ts.CompilerOptions {
  const file = path.join(ROOT, 'tsconfig.json');
  const { config } = ts.readConfigFile(file, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, ROOT).options;
}

/**
 * True when a levitate "Changed" diff only adds or drops the `type` modifier of an imported name
 * (`import { ComponentType }` → `import { type ComponentType }`, as @grafana/* 13.x emit): the same type,
 * so the same signature. Levitate prints the parameter's type symbol declaration, hence lines like
 * `-type ComponentType` / `+ComponentType`.
 */
export function onlyTypeModifierChanged(diffText: string): boolean {
  const lines = diffText.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const side = (sign: string) =>
    lines
      .filter((l) => l.startsWith(sign) && !/^[+-] (Added|Removed)$/.test(l))
      .map((l) =>
        l
          .slice(1)
          .trim()
          .replace(/^type\s+(?=[\w$]+$)/, '')
      )
      .sort();
  const removed = side('-');
  const added = side('+');
  return removed.length > 0 && JSON.stringify(removed) === JSON.stringify(added);
}

/**
 * Signature changes checked by hand and safe for the way Cascade calls the API, each with why and the
 * test that keeps it true. Anything else that changed still fails the check.
 */
export const REVIEWED_CHANGES: Record<string, string> = {
  'AppPlugin.addLink':
    "13.x's link config type adds the optional `group` (and deprecates `category`); Cascade's links set only " +
    "fields 12.0's type has (checked by src/extensions/links.test.ts)",
};

/** The React major a Grafana release gives plugins: its @grafana/ui's peer range (`^18.0.0` → 18). */
export function reactMajorOf(peerRange: string | undefined): number {
  const m = /(\d+)/.exec(peerRange ?? '');
  if (!m) {
    throw new Error(`cannot tell the React version from peer range "${peerRange}"`);
  }
  return Number(m[1]);
}

/** The package.json of the package holding a file (levitate resolves packages to their .d.ts entry). */
function packageManifest(file: string): { name: string; peerDependencies?: Record<string, string> } {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      return JSON.parse(fs.readFileSync(manifest, 'utf8'));
    }
  }
  throw new Error(`no package.json above ${file}`);
}

const projectFiles = (program: ts.Program) =>
  program
    .getSourceFiles()
    .map((s) => s.fileName)
    .filter((f) => !f.includes('/node_modules/'));

async function main(argv: string[]): Promise<number> {
  const i = argv.indexOf('--target');
  const target =
    i >= 0
      ? argv[i + 1]
      : grafanaFloor(
          MANIFESTS.map((m) => JSON.parse(fs.readFileSync(path.join(ROOT, m), 'utf8')).dependencies.grafanaDependency)
        );
  // Levitate unpacks registry tarballs under os.tmpdir(); keep them in the git-ignored cache and reuse them.
  process.env.TMPDIR = path.join(ROOT, '.cache', 'levitate');
  process.env.LEVITATE_CACHE = 'true';
  fs.mkdirSync(process.env.TMPDIR, { recursive: true });
  const lev = await import('@grafana/levitate');
  // getExportInfo is not re-exported from the package index; load it from levitate's own dist.
  const levDist = path.dirname(require.resolve('@grafana/levitate', { paths: [ROOT] }));
  const { getExportInfo } = (await import(pathToFileURL(path.join(levDist, 'compiler', 'exports.js')).href)) as {
    getExportInfo: (typeDefinitionFile: string) => { exports: Record<string, unknown> };
  };

  const entries = argv.flatMap((a, j) => (argv[j - 1] === '--entry' ? [a] : []));
  const options = projectCompilerOptions();
  const programs = (entries.length > 0 ? entries : ENTRIES).map((entry) => {
    const file = path.resolve(ROOT, entry);
    if (!fs.existsSync(file)) {
      throw new Error(`entry ${entry} does not exist`);
    }
    const program = lev.createTsProgram(file, options) as unknown as ts.Program;
    // Cross-check coverage against the project's TypeScript: the same files must be analysed.
    const projectProgram = ts.createProgram([file], options);
    const expected = projectFiles(projectProgram);
    const seen = new Set(projectFiles(program));
    const missed = expected.filter((f) => !seen.has(f));
    if (missed.length > 0) {
      throw new Error(
        `levitate would not analyse ${missed.length} file(s) of ${entry}: ${missed.slice(0, 5).join(', ')}`
      );
    }
    console.log(`${entry}: ${seen.size} source files analysed`);
    return { entry, program, projectProgram };
  });

  let incompatible = 0;
  let ignoredTypeModifiers = 0;
  let ignoredIdentical = 0;
  const reviewed = new Set<string>();
  const targetTypes = new Map<string, string>();
  for (const pkg of PACKAGES) {
    const installed = path.join(ROOT, 'node_modules', pkg);
    const installedVersion = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).version;
    console.log(`\n${pkg}: installed ${installedVersion} → target ${target}`);
    const from = await lev.resolvePackage(installed);
    const to = await lev.resolvePackage(`${pkg}@${target}`);
    targetTypes.set(pkg, to);
    const comparison = lev.compareExports(from, to, {});
    const fromExports = getExportInfo(from) as never;
    for (const { entry, program } of programs) {
      const usage = lev.getPackageUsage(program as never, fromExports, pkg);
      const found = [...usage]
        .flatMap(([sourceFile, usages]) => lev.getIncompatibilitiesFromComparison({ sourceFile, usages, comparison }))
        .filter((inc) => {
          if (!inc.change) {
            return true;
          }
          if (inc.name in REVIEWED_CHANGES) {
            reviewed.add(inc.name);
            return false;
          }
          const { prev, current, prevProgram, currentProgram } = inc.change;
          const diff = lev.getSymbolDiff({
            prev: { key: inc.name, symbol: prev, program: prevProgram },
            current: { key: inc.name, symbol: current, program: currentProgram },
            options: { useAnsi: false, showLegend: false },
          });
          // An empty diff: identical declaration text (levitate's own report prints nothing for these).
          if (diff.trim() === '') {
            ignoredIdentical += 1;
            return false;
          }
          const spurious = onlyTypeModifierChanged(diff);
          ignoredTypeModifiers += spurious ? 1 : 0;
          return !spurious;
        });
      const used = [...usage.values()].reduce((n, u) => n + Object.keys(u).length, 0);
      console.log(`  ${entry}: ${used} uses of ${pkg} exports, ${found.length} incompatible`);
      if (found.length > 0) {
        lev.printIncompatibilities(found);
        incompatible += found.length;
      }
    }
  }
  if (ignoredTypeModifiers + ignoredIdentical > 0) {
    console.log(
      `\nIgnored signature "changes": ${ignoredTypeModifiers} where only an \`import { type X }\` modifier differs, ` +
        `${ignoredIdentical} with identical declaration text`
    );
  }

  for (const name of reviewed) {
    console.log(`Reviewed change to ${name}, not counted: ${REVIEWED_CHANGES[name]}`);
  }

  // Grafana gives plugins its own React: before 13.2 that is React 18, which lacks React 19's APIs.
  const reactMajor = reactMajorOf(packageManifest(targetTypes.get('@grafana/ui')!).peerDependencies?.react);
  console.log(`\nReact: Grafana ${target} gives plugins React ${reactMajor}`);
  if (reactMajor < 19) {
    const seenUses = new Set<string>();
    for (const { entry, projectProgram } of programs) {
      const uses = findReact19Uses(projectProgram).filter((u) => !seenUses.has(`${u.file}:${u.line}:${u.what}`));
      uses.forEach((u) => seenUses.add(`${u.file}:${u.line}:${u.what}`));
      console.log(`  ${entry}: ${uses.length} React-19-only uses`);
      for (const u of uses) {
        console.log(`    ${path.relative(ROOT, u.file)}:${u.line} ${u.what}`);
      }
      incompatible += uses.length;
    }
  }

  if (incompatible > 0) {
    console.error(
      `\n${incompatible} incompatibilities with Grafana ${target}: raise grafanaDependency or stop using these APIs.`
    );
    return 1;
  }
  console.log(`\nCompatible: the plugin's use of ${PACKAGES.join(', ')} works with ${target}.`);
  return 0;
}

if (require.main === module) {
  const started = Date.now();
  main(process.argv.slice(2)).then(
    (code) => {
      console.log(`levitate check took ${((Date.now() - started) / 1000).toFixed(1)}s`);
      process.exit(code);
    },
    (e) => {
      console.error(`levitate check could not run: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(2);
    }
  );
}
