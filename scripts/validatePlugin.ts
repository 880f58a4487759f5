/**
 * `npm run validate`: grafana/plugin-validator's rules that can run without its binary or the
 * network, on the release zip (and, with --source, on the source it was built from). Findings carry
 * the validator's analyzer and rule names, so a failure reads like the validator's report. The real
 * validator (docs/admin.md, "Running Grafana's plugin validator") also fetches every link, checks
 * plugin.json against Grafana's schema, scans for viruses and vulnerabilities and compares with the
 * published version; those rules are listed as not run.
 *
 * Usage: tsx scripts/validatePlugin.ts <plugin.zip> [--source .] [--checksum <value or .sha1/.md5 file>] [--strict]
 * Exit code 1 on any error (and on warnings with --strict).
 */
import AdmZip from 'adm-zip';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { codeRules } from './pluginValidator/codeRules';
import {
  changelog,
  checksum,
  license,
  moduleJs,
  readme,
  trackingScripts,
  unsafeSvg,
} from './pluginValidator/contentRules';
import { identityRules, includesNested, metadataPaths, screenshots } from './pluginValidator/metadataRules';
import { buildTools, jsSourceMap, packageJson } from './pluginValidator/sourceRules';
import { Finding, PluginMetadata, reporter, UnpackedPlugin } from './pluginValidator/types';

/** The validator's analyzers this script cannot run here, and what they need. */
export const NOT_RUN = [
  'metadatavalid (plugin.json against Grafana’s schema, downloaded)',
  'brokenlinks/broken-link (fetches every link)',
  'safelinks (Google Web Risk API)',
  'org, published, version against grafana.com (grafana.com API)',
  'legacyplatform (Angular patterns from grafana.com)',
  'virusscan, osvscanner, gosec, govulncheck (external scanners)',
  'signature, provenance, llmreview, codediff (grafana.com submission context)',
];

export interface ValidateOptions {
  zipPath: string;
  /** The repository the zip was built from (the validator's -sourceCodeUri). */
  sourceDir?: string;
  /** MD5 or SHA1 of the zip, or a file whose first field is one (`sha1sum` output). */
  checksum?: string;
}

export interface ValidateResult {
  findings: Finding[];
  errors: number;
  warnings: number;
}

/** Every file under dir, as sorted posix paths relative to it. */
function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

/** archive + archivename + metadata/nestedmetadata: one folder named after the plugin id, valid plugin.json files. */
function unpack(zipPath: string, into: string, findings: Finding[]): UnpackedPlugin | undefined {
  const archive = reporter(findings, 'archive');
  const zip = new AdmZip(zipPath);
  const unsafe = zip.getEntries().filter((e) => e.entryName.split('/').includes('..') || path.isAbsolute(e.entryName));
  if (unsafe.length > 0) {
    archive('no-root-dir', 'error', `archive entries escape the archive: ${unsafe.map((e) => e.entryName).join(', ')}`);
    return undefined;
  }
  zip.extractAllTo(into, true);
  const top = fs.readdirSync(into, { withFileTypes: true });
  if (top.length === 0) {
    archive('empty-archive', 'error', 'Archive is empty');
    return undefined;
  }
  if (top.length !== 1) {
    archive(
      'more-than-one-dir',
      'error',
      'Archive contains more than one directory',
      `Found ${top.map((t) => t.name).join(', ')}`
    );
    return undefined;
  }
  if (!top[0].isDirectory()) {
    archive('no-root-dir', 'error', 'archive does not contain a root directory');
    return undefined;
  }
  let dir = path.join(into, top[0].name);
  if (fs.existsSync(path.join(dir, 'dist'))) {
    archive('dist', 'error', 'dist should be renamed to plugin id and moved to root.');
    dir = path.join(dir, 'dist');
  }
  const files = listFiles(dir);
  // Root first, then nested ones in walk order (the validator's doublestar glob order).
  const manifests = files.filter((f) => path.posix.basename(f) === 'plugin.json');
  manifests.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  const metadata: Record<string, PluginMetadata> = {};
  const nested = reporter(findings, 'nestedmetadata');
  for (const file of manifests) {
    try {
      metadata[file] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch {
      nested('invalid-metadata', 'error', `Invalid plugin.json in your archive: ${file}`);
    }
  }
  if (!metadata['plugin.json']) {
    reporter(findings, 'metadata')('missing-metadata', 'error', 'missing plugin.json');
    return undefined;
  }
  const id = metadata['plugin.json'].id;
  if (path.basename(dir) === 'dist' || (id && path.basename(dir) !== id)) {
    reporter(findings, 'archivename')('no-ident-root-dir', 'error', `Archive should contain a directory named ${id}`);
  }
  return { dir, files, metadata };
}

/** Runs every rule that can run here on the zip (and the source when given). */
export function validatePlugin(options: ValidateOptions): ValidateResult {
  const findings: Finding[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-validate-'));
  try {
    const plugin = unpack(options.zipPath, tmp, findings);
    if (plugin) {
      for (const rule of [
        moduleJs,
        includesNested,
        metadataPaths,
        screenshots,
        identityRules,
        unsafeSvg,
        trackingScripts,
        license,
        changelog,
        readme,
      ]) {
        rule(plugin, findings);
      }
      if (options.sourceDir) {
        jsSourceMap(plugin, options.sourceDir, findings);
        packageJson(plugin, options.sourceDir, findings);
      }
    }
    if (options.sourceDir) {
      buildTools(options.sourceDir, findings);
      codeRules(options.sourceDir, findings);
    }
    if (options.checksum) {
      checksum(options.zipPath, options.checksum, findings);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

/** One finding per line, like the validator's text output: `error: analyzer: title`. */
export function formatFinding(f: Finding): string {
  const detail = f.detail ? `\n    ${f.detail.split('\n').join('\n    ')}` : '';
  return `${f.severity}: ${f.analyzer} (${f.rule}): ${f.title}${detail}`;
}

function main(argv: string[]): number {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const zipPath = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.match(/^--(source|checksum)$/));
  if (!zipPath) {
    process.stderr.write('usage: tsx scripts/validatePlugin.ts <plugin.zip> [--source .] [--checksum x] [--strict]\n');
    return 2;
  }
  const result = validatePlugin({ zipPath, sourceDir: arg('--source'), checksum: arg('--checksum') });
  for (const f of result.findings) {
    process.stdout.write(`${formatFinding(f)}\n`);
  }
  process.stdout.write(`not run here: ${NOT_RUN.join('; ')}\n`);
  process.stdout.write(`${path.basename(zipPath)}: ${result.errors} error(s), ${result.warnings} warning(s)\n`);
  return result.errors > 0 || (argv.includes('--strict') && result.warnings > 0) ? 1 : 0;
}

if (require.main === module) {
  process.exit(main(process.argv.slice(2)));
}
