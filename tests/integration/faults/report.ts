/**
 * Counts of the reliability tests (inputs tried, faults injected), written by the tests themselves
 * to artifacts/reliability/<section>.json and merged into artifacts/reliability.json (git-ignored),
 * so docs/reliability.md quotes numbers from real runs. Writes are atomic (temp file + rename)
 * because jest runs test files in parallel workers.
 */
import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const ARTIFACTS = path.join(ROOT, 'artifacts');
const SECTIONS = path.join(ARTIFACTS, 'reliability');

export type Counts = Record<string, unknown>;

function writeAtomic(file: string, text: string) {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Records one test file's counts (with the time of the run) and refreshes the merged summary. */
export function recordReliability(section: string, counts: Counts): void {
  fs.mkdirSync(SECTIONS, { recursive: true });
  writeAtomic(
    path.join(SECTIONS, `${section}.json`),
    `${JSON.stringify({ ...counts, recordedAt: new Date().toISOString() }, null, 2)}\n`
  );
  const merged: Record<string, unknown> = {};
  for (const f of fs
    .readdirSync(SECTIONS)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    try {
      merged[f.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(SECTIONS, f), 'utf8'));
    } catch {
      // A section being rewritten right now: the next writer merges it.
    }
  }
  writeAtomic(path.join(ARTIFACTS, 'reliability.json'), `${JSON.stringify(merged, null, 2)}\n`);
}
