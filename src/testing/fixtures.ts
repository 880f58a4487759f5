import { readFileSync } from 'fs';
import { join } from 'path';

/** Test-only: a real backend payload from tests/fixtures (see tests/fixtures/ORIGIN.md), as the raw text the backend sent. */
export function fixtureText(path: string): string {
  return readFileSync(join(__dirname, '../../tests/fixtures', path), 'utf8');
}

/** Test-only: a fixture parsed as JSON. */
export function fixtureJson<T = unknown>(path: string): T {
  return JSON.parse(fixtureText(path)) as T;
}
