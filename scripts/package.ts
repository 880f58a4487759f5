/**
 * `npm run package`: zips the built dist/ as `<plugin id>-<version>.zip` with the layout Grafana's
 * plugin installer expects (one top folder named after the plugin id, the nested data source in
 * `datasource/`), plus `sha256sum`- and `sha1sum`-compatible checksum files (grafana.com's submission
 * form and its plugin validator take an MD5 or SHA1 checksum: give it the `.sha1`).
 *
 * Usage: tsx scripts/package.ts [--dist dist] [--out .]
 */
import AdmZip from 'adm-zip';
import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';

export interface PackageResult {
  zipPath: string;
  sha256Path: string;
  sha256: string;
  /** SHA1 of the zip and its `sha1sum` file: the checksum grafana.com's submission accepts. */
  sha1Path: string;
  sha1: string;
  bytes: number;
  pluginId: string;
  version: string;
  /** Entry names in the zip, sorted. */
  entries: string[];
}

const REQUIRED = ['plugin.json', 'module.js', 'datasource/plugin.json', 'datasource/module.js'];

/** Every file under dir, as sorted posix paths relative to it. */
function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

/** Fails on anything the build should have filled in (a half-built dist must never ship). */
function readManifest(file: string): { id: string; version: string } {
  const text = fs.readFileSync(file, 'utf8');
  const left = text.match(/%[A-Z_]+%/g);
  if (left) {
    throw new Error(`${file} still has placeholders ${[...new Set(left)].join(', ')}: build with npm run build`);
  }
  const json = JSON.parse(text);
  return { id: json.id, version: json.info?.version };
}

export function packagePlugin({
  root,
  distDir,
  outDir,
}: {
  root: string;
  distDir?: string;
  outDir?: string;
}): PackageResult {
  const dist = path.resolve(root, distDir ?? 'dist');
  const out = path.resolve(root, outDir ?? '.');
  const missing = REQUIRED.filter((f) => !fs.existsSync(path.join(dist, f)));
  if (missing.length > 0) {
    throw new Error(`${dist} is missing ${missing.join(', ')}: run npm run build first`);
  }
  const app = readManifest(path.join(dist, 'plugin.json'));
  const ds = readManifest(path.join(dist, 'datasource', 'plugin.json'));
  const pkgVersion = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  if (app.version !== pkgVersion || ds.version !== pkgVersion) {
    throw new Error(
      `plugin.json versions (${app.version}, ${ds.version}) differ from package.json (${pkgVersion}): rebuild`
    );
  }

  const zip = new AdmZip();
  // A fixed timestamp (the release's build date would do too) keeps the zip byte-for-byte reproducible.
  const mtime = new Date(Date.UTC(2020, 0, 1));
  const files = listFiles(dist);
  for (const rel of files) {
    zip.addFile(`${app.id}/${rel}`, fs.readFileSync(path.join(dist, rel)), '', 0o644);
    zip.getEntry(`${app.id}/${rel}`)!.header.time = mtime;
  }
  fs.mkdirSync(out, { recursive: true });
  const zipName = `${app.id}-${app.version}.zip`;
  const zipPath = path.join(out, zipName);
  const buffer = zip.toBuffer();
  fs.writeFileSync(zipPath, buffer);
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  const sha256Path = `${zipPath}.sha256`;
  fs.writeFileSync(sha256Path, `${sha256}  ${zipName}\n`);
  const sha1 = createHash('sha1').update(buffer).digest('hex');
  const sha1Path = `${zipPath}.sha1`;
  fs.writeFileSync(sha1Path, `${sha1}  ${zipName}\n`);
  return {
    zipPath,
    sha256Path,
    sha256,
    sha1Path,
    sha1,
    bytes: buffer.length,
    pluginId: app.id,
    version: app.version,
    entries: files.map((f) => `${app.id}/${f}`),
  };
}

function main(argv: string[]) {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const root = path.resolve(__dirname, '..');
  const r = packagePlugin({ root, distDir: arg('--dist'), outDir: arg('--out') });
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  process.stdout.write(
    `${rel(r.zipPath)}: ${r.entries.length} files, ${(r.bytes / 1024).toFixed(1)} KiB\n${rel(r.sha256Path)}: ${r.sha256}\n` +
      `${rel(r.sha1Path)}: ${r.sha1}\n`
  );
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`package: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
