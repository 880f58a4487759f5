/**
 * Section 6: sizes of the built plugin — the app entry (dist/module.js), the data source entry
 * (dist/datasource/module.js) and every lazy chunk, raw and gzip (node:zlib, level 9 like a CDN).
 * Chunks are named by webpackChunkName; unnamed ones are shared splits (their top modules from the
 * source map say what they hold).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface BundleFile {
  file: string;
  kind: 'app entry' | 'data source entry' | 'lazy chunk';
  raw: number;
  gzip: number;
  /** Biggest source packages/dirs in the chunk (from its source map), for unnamed chunks. */
  contents?: string;
}

export interface BundleResult {
  files: BundleFile[];
  appEntryGzip: number;
  lazyGzipTotal: number;
}

function topContents(mapFile: string): string | undefined {
  if (!fs.existsSync(mapFile)) {
    return undefined;
  }
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as {
    sources: string[];
    sourcesContent?: Array<string | null>;
  };
  const bySource = new Map<string, number>();
  map.sources.forEach((s, i) => {
    const clean = s.replace(/^webpack:\/\/[^/]*\//, '');
    const nm = clean.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const key = nm ? nm[1] : clean.split('/').slice(0, 3).join('/');
    bySource.set(key, (bySource.get(key) ?? 0) + (map.sourcesContent?.[i]?.length ?? 0));
  });
  return [...bySource.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k]) => k)
    .join(', ');
}

export function benchBundle(dist: string): BundleResult {
  const files: BundleFile[] = [];
  const add = (rel: string, kind: BundleFile['kind']) => {
    const abs = path.join(dist, rel);
    const buf = fs.readFileSync(abs);
    const named = /^[a-z-]+\.[0-9a-f]{8}\.js$/i.test(path.basename(rel)) && !/^\d+\./.test(path.basename(rel));
    files.push({
      file: `dist/${rel}`,
      kind,
      raw: buf.length,
      gzip: zlib.gzipSync(buf, { level: 9 }).length,
      contents: kind === 'lazy chunk' && !named ? topContents(`${abs}.map`) : undefined,
    });
  };
  add('module.js', 'app entry');
  add('datasource/module.js', 'data source entry');
  for (const dir of ['', 'datasource']) {
    for (const f of fs.readdirSync(path.join(dist, dir)).sort()) {
      if (f.endsWith('.js') && f !== 'module.js') {
        add(path.join(dir, f), 'lazy chunk');
      }
    }
  }
  files.sort((a, b) => (a.kind === b.kind ? b.gzip - a.gzip : 0));
  return {
    files,
    appEntryGzip: files[0].gzip,
    lazyGzipTotal: files.filter((f) => f.kind === 'lazy chunk').reduce((n, f) => n + f.gzip, 0),
  };
}
