import fs from 'fs';
import os from 'os';
import path from 'path';
import process from 'process';

import { SOURCE_DIR } from './constants';

export function isWSL() {
  if (process.platform !== 'linux') {
    return false;
  }

  if (os.release().toLowerCase().includes('microsoft')) {
    return true;
  }

  try {
    return fs.readFileSync('/proc/version', 'utf8').toLowerCase().includes('microsoft');
  } catch {
    return false;
  }
}

export function getPackageJson() {
  return require(path.resolve(process.cwd(), 'package.json'));
}

/**
 * The root plugin's plugin.json. create-plugin keeps it in `src/`; this project keeps the app's at
 * the repository root (see .config/README.md), so that location is used when `src/` has none.
 */
export function getPluginJsonPath() {
  const inSource = path.resolve(process.cwd(), SOURCE_DIR, 'plugin.json');
  return fs.existsSync(inSource) ? inSource : path.resolve(process.cwd(), 'plugin.json');
}

export function getPluginJson() {
  return require(getPluginJsonPath());
}

export function getCPConfigVersion() {
  const cprcJson = path.resolve(__dirname, '../', '.cprc.json');
  return fs.existsSync(cprcJson) ? require(cprcJson).version : { version: 'unknown' };
}

export function hasReadme() {
  return fs.existsSync(path.resolve(process.cwd(), SOURCE_DIR, 'README.md'));
}

/** Files under dir (relative posix paths), skipping node_modules. */
function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .filter((f) => !f.split('/').includes('node_modules'))
    .sort();
}

/**
 * Support bundling nested plugins by finding all plugin.json files in the src directory, then
 * checking for a sibling module.[jt]sx? file. Every plugin becomes one entry of ONE compilation
 * (`module`, `datasource/module`, ...), so all source maps share the root plugin's namespace.
 * A root plugin.json outside src/ (getPluginJsonPath) makes src/module.[jt]sx? the `module` entry.
 */
export async function getEntries(): Promise<Record<string, string>> {
  const sourceDir = path.resolve(process.cwd(), SOURCE_DIR);
  const files = filesUnder(sourceDir);
  const folders = files.filter((f) => path.posix.basename(f) === 'plugin.json').map((f) => path.posix.dirname(f));
  if (path.dirname(getPluginJsonPath()) !== sourceDir) {
    folders.push('.');
  }

  const entries: Record<string, string> = {};
  for (const folder of [...new Set(folders)].sort()) {
    const prefix = folder === '.' ? '' : `${folder}/`;
    const modules = files.filter((f) => new RegExp(`^${escapeRegExp(prefix)}module\\.[jt]sx?$`).test(f));
    for (const module of modules) {
      entries[folder === '.' ? 'module' : `${folder}/module`] = path.join(sourceDir, module);
    }
  }
  return entries;
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
