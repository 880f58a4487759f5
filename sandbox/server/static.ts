/** Static files for the sandbox server: plugin bundles, the host bundle, icons, font stand-ins. */
import fs from 'fs';
import http from 'http';
import path from 'path';

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function notFound(res: http.ServerResponse) {
  res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ message: 'Not found' }));
}

/** Serves `rel` from inside `dir` only (no traversal), streaming, uncached (bundles get rebuilt). */
export function sendFile(res: http.ServerResponse, dir: string, rel: string) {
  const base = path.resolve(dir);
  const file = path.resolve(base, rel);
  if (file !== base && !file.startsWith(base + path.sep)) {
    return notFound(res);
  }
  fs.stat(file, (err, stat) => {
    if (err || !stat.isFile()) {
      return notFound(res);
    }
    res.writeHead(200, { 'Content-Type': contentType(file), 'Content-Length': stat.size, 'Cache-Control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  });
}

// Grafana ships Inter and Roboto Mono under public/fonts; the sandbox has no copy, so it serves the
// closest system fonts (Chromium's recommended font packages) under the same URLs.
const SANS = [
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
];
const SANS_BOLD = [
  '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
];
const MONO = [
  '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
];

/** Serves a system font in place of Grafana's web font, or 404 if none is installed. */
export function fontStandIn(res: http.ServerResponse, rel: string) {
  const candidates = rel.startsWith('roboto') ? MONO : /Bold|SemiBold|Medium/i.test(rel) ? SANS_BOLD : SANS;
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) {
    return notFound(res);
  }
  sendFile(res, path.dirname(file), path.basename(file));
}

// Icons Grafana ships in its own public/img but the @grafana/ui npm package does not.
const ICON_STAND_INS: Record<string, string> = {
  'unicons/spinner.svg':
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 2a10 10 0 1 0 10 10h-2a8 8 0 1 1-8-8z"/></svg>',
};

// Grafana serves every name in @grafana/data's availableIconsIndex; the @grafana/ui npm package
// ships a subset of the SVGs. Those valid-but-missing names get a neutral stand-in; any other name
// still 404s, as it would in Grafana.
let knownIcons: Set<string> | undefined;
function isKnownIcon(name: string): boolean {
  if (!knownIcons) {
    knownIcons = new Set();
    try {
      const file = require.resolve('@grafana/data/package.json').replace(/package\.json$/, 'dist/esm/types/icon.mjs');
      const src = fs.readFileSync(file, 'utf8');
      for (const m of src.matchAll(/^\s*"?([a-z0-9-]+)"?: true/gm)) {
        knownIcons.add(m[1]);
      }
    } catch {
      // no index: only the explicit stand-ins apply
    }
  }
  return knownIcons.has(name);
}

const GENERIC_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="5" y="5" width="14" height="14" rx="3" fill="none" stroke="currentColor" stroke-width="2"/></svg>';

/** A missing `*-left` icon drawn as its `*-right` twin mirrored (the time picker's "angle-double-left"). */
function mirroredTwin(iconsDir: string, rel: string): string | undefined {
  const twin = rel.replace(/-left\.svg$/, '-right.svg');
  const svg =
    twin !== rel && fs.existsSync(path.join(iconsDir, twin))
      ? fs.readFileSync(path.join(iconsDir, twin), 'utf8')
      : undefined;
  const open = svg?.match(/^<svg[^>]*>/)?.[0];
  return open && svg
    ? `${open}<g transform="matrix(-1 0 0 1 24 0)">${svg.slice(open.length, svg.lastIndexOf('</svg>'))}</g></svg>`
    : undefined;
}

/** Serves a @grafana/ui icon, or a stand-in for one only Grafana itself ships. */
export function sendIcon(res: http.ServerResponse, iconsDir: string, rel: string) {
  const name = rel.match(/^[a-z]+\/([a-z0-9-]+)\.svg$/)?.[1];
  const known = name !== undefined && isKnownIcon(name);
  const standIn = ICON_STAND_INS[rel] ?? (known ? (mirroredTwin(iconsDir, rel) ?? GENERIC_ICON) : undefined);
  if (standIn && !fs.existsSync(path.join(iconsDir, rel))) {
    res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-cache' });
    res.end(standIn);
    return;
  }
  sendFile(res, iconsDir, rel);
}
