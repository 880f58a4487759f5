/**
 * The validator's plugin.json rules (includesnested, metadatapaths, logos, screenshots, typesuffix,
 * pluginname, grafanadependency, restrictivedep, version, discoverability), on an unpacked zip.
 */
import fs from 'fs';
import path from 'path';

import { Finding, reporter, UnpackedPlugin } from './types';

/** includesnested: every nested plugin.json is an `includes` entry of the app with its path and type. */
export function includesNested(plugin: UnpackedPlugin, findings: Finding[]) {
  const report = reporter(findings, 'includesnested');
  const root = plugin.metadata['plugin.json'];
  const nested = Object.keys(plugin.metadata).filter((k) => k !== 'plugin.json');
  if (!root || nested.length === 0) {
    return;
  }
  if (root.type !== 'app') {
    report('nested-plugin-id-in-non-app', 'error', `Nested plugins are not allowed on plugins type ${root.type}`);
    return;
  }
  for (const key of nested) {
    const include = (root.includes ?? []).find((i) => i.path === key);
    if (!include) {
      report(
        'nested-plugins-not-declared',
        'error',
        `Nested plugin ${key} is not declared parent plugin.json`,
        `Found a plugin ${key} nested inside your archive but not declared in plugin.json. Make sure to declare the type and path of the nested plugin`
      );
    } else if (!include.type) {
      report('nested-plugin-missing-type', 'error', `Nested plugin ${key} is missing type`);
    } else if (include.type !== plugin.metadata[key].type) {
      report(
        'nested-plugin-type-missmatch',
        'error',
        `Nested plugin ${key} has a type missmatch`,
        `Plugin ${key} declared as ${include.type} but as ${plugin.metadata[key].type} in parent plugin.json`
      );
    }
  }
}

/** logos + metadatapaths: logos set; logo and screenshot paths relative, without ./ or /, and in the zip. */
export function metadataPaths(plugin: UnpackedPlugin, findings: Finding[]) {
  const logos = reporter(findings, 'logos');
  const report = reporter(findings, 'metadatapaths');
  for (const [key, meta] of Object.entries(plugin.metadata)) {
    const base = path.posix.dirname(key);
    const small = meta.info?.logos?.small ?? '';
    const large = meta.info?.logos?.large ?? '';
    if (!small.trim()) {
      logos('logos', 'error', `plugin.json: invalid empty small logo path for ${key}`);
    }
    if (!large.trim()) {
      logos('logos', 'error', `plugin.json: invalid empty large logo path for ${key}`);
    }
    const paths = [
      ...(meta.info?.screenshots ?? []).map((s) => ({ kind: 'screenshot', p: s.path ?? '' })),
      { kind: 'small logo', p: small },
      { kind: 'large logo', p: large },
    ];
    for (const { kind, p } of paths) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(p)) {
        report(
          'path-relative-to-metadata',
          'error',
          `plugin.json: ${kind} path should be relative to plugin.json: ${p}`
        );
      } else if (p.startsWith('.') || p.startsWith('/')) {
        report(
          'invalid-relative-path',
          'error',
          `plugin.json: relative ${kind} path should not start with '.' or '/': ${p}`
        );
      } else if (!fs.existsSync(path.join(plugin.dir, base, p))) {
        report('path-not-exists', 'error', `plugin.json: ${kind} path doesn't exists: ${path.posix.join(base, p)}`);
      }
    }
  }
}

const MIME_BY_EXTENSION: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

/** The content type from the first 512 bytes, like Go's http.DetectContentType plus the validator's SVG sniff. */
export function sniffImageType(head: Buffer): string {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
    return 'image/jpeg';
  }
  if (/^GIF8[79]a/.test(head.subarray(0, 6).toString('latin1'))) {
    return 'image/gif';
  }
  const binary = /[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]/.test(head.toString('latin1'));
  if (!binary && head.toString('utf8').includes('<svg')) {
    return 'image/svg+xml';
  }
  return binary ? 'application/octet-stream' : 'text/plain';
}

/** screenshots: the app lists screenshots, each a PNG, JPEG, GIF or SVG whose extension matches its content. */
export function screenshots(plugin: UnpackedPlugin, findings: Finding[]) {
  const report = reporter(findings, 'screenshots');
  const list = plugin.metadata['plugin.json']?.info?.screenshots ?? [];
  if (list.length === 0) {
    report('screenshots', 'warning', 'plugin.json: should include screenshots for the Plugin catalog');
    return;
  }
  for (const s of list) {
    const rel = (s.path ?? '').trim();
    const file = path.join(plugin.dir, rel);
    if (!rel) {
      report('screenshots', 'warning', `plugin.json: invalid empty screenshot path: "${s.name}"`);
    } else if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      report('screenshots-image-type', 'error', `invalid screenshot path: "${rel}"`);
    } else {
      const fd = fs.openSync(file, 'r');
      const head = Buffer.alloc(512);
      const read = fs.readSync(fd, head, 0, 512, 0);
      fs.closeSync(fd);
      const type = sniffImageType(head.subarray(0, read));
      if (!Object.values(MIME_BY_EXTENSION).includes(type)) {
        report('screenshots-image-type', 'error', `invalid screenshot image: "${rel}" (${type})`);
      } else if (MIME_BY_EXTENSION[path.extname(rel).toLowerCase()] !== type) {
        report('screenshots-image-type', 'error', `screenshot image has extension mismatch: "${rel}" is ${type}`);
      }
    }
  }
}

/** A Masterminds/semver constraint such as `>=13.2.0`, `^10.0.0 || >=11`, `>=9.0.0 <12`. */
const CONSTRAINT =
  /^\s*(?:(?:=|!=|>=?|<=?|~>?|\^)?\s*v?(?:\d+|[xX*])(?:\.(?:\d+|[xX*])){0,2}(?:-[0-9A-Za-z.-]+)?(?:\s*,?\s*|\s*\|\|\s*))+$/;
const SEMVER = /^v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** typesuffix, pluginname, grafanadependency, restrictivedep, version, discoverability on the root plugin.json. */
export function identityRules(plugin: UnpackedPlugin, findings: Finding[]) {
  const meta = plugin.metadata['plugin.json'];
  if (!meta) {
    return;
  }
  const id = meta.id ?? '';
  if (meta.type && id.split('-').pop() !== meta.type) {
    reporter(findings, 'typesuffix')(
      'plugin-type-suffix',
      'error',
      'plugin.json: plugin id should end with plugin type'
    );
  }
  const name = reporter(findings, 'pluginname');
  if (id && meta.name && id === meta.name) {
    name('human-friendly-name', 'error', 'plugin.json: plugin name should be human-friendly');
  }
  if (id.split('-').length < 3) {
    name('invalid-id-format', 'warning', 'plugin.json: plugin id should follow the format org-name-type');
  }
  const dependency = meta.dependencies?.grafanaDependency ?? '';
  if (!CONSTRAINT.test(dependency)) {
    reporter(findings, 'grafanadependency')(
      'invalid-grafana-dependency',
      'error',
      `plugin.json: dependencies.grafanaDependency field has invalid or empty version constraint: "${dependency}"`
    );
  }
  const restrictive = reporter(findings, 'restrictivedep');
  if (/^[0-9]+.[0-9]+.x$/.test(dependency)) {
    restrictive('depends-on-patch-releases', 'warning', `plugin.json: grafanaDependency only targets patch releases`);
  } else if (/^[0-9]+.[0-9]+.[0-9]+$/.test(dependency)) {
    restrictive(
      'depends-on-single-release',
      'warning',
      `plugin.json: grafanaDependency only targets Grafana ${dependency}`
    );
  }
  const version = meta.info?.version ?? '';
  if (!SEMVER.test(version)) {
    reporter(findings, 'version')('wrong-plugin-version', 'error', `Plugin version "${version}" is invalid.`);
  }
  const discoverability = reporter(findings, 'discoverability');
  if (!meta.info?.description) {
    discoverability('empty-description', 'warning', 'plugin.json: description is empty');
  }
  if ((meta.info?.keywords ?? []).length === 0) {
    discoverability('empty-keywords', 'warning', 'plugin.json: keywords are empty');
  }
}
