/**
 * The validator's rules on the files in the zip: modulejs, unsafesvg, trackingscripts, license,
 * changelog, readme, templatereadme, brokenlinks (relative-link), jargon, checksum.
 */
import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';
import { SaxesParser } from 'saxes';

import { Finding, reporter, UnpackedPlugin } from './types';

const read = (plugin: UnpackedPlugin, rel: string) => fs.readFileSync(path.join(plugin.dir, rel));

/** modulejs: at least one module.js (the root's; nested plugins have their own). */
export function moduleJs(plugin: UnpackedPlugin, findings: Finding[]) {
  if (!plugin.files.some((f) => path.posix.basename(f) === 'module.js')) {
    reporter(findings, 'modulejs')('missing-modulejs', 'error', 'missing module.js');
  }
}

/** Elements the validator's SVG check (a modified hamochi/safesvg) refuses. */
const SVG_FORBIDDEN_ELEMENTS = new Set(
  'annotation-xml audio colgroup iframe math mi mn mo ms mtext noembed noframes noscript plaintext script template thead xmp'.split(
    ' '
  )
);

/** Why an SVG is unsafe (a forbidden element, an on* event attribute, or not well-formed XML), or undefined. */
export function svgProblem(svg: string): string | undefined {
  const parser = new SaxesParser({ xmlns: true });
  let problem: string | undefined;
  parser.on('opentag', (tag) => {
    if (problem) {
      return;
    }
    if (SVG_FORBIDDEN_ELEMENTS.has(tag.local)) {
      problem = `Invalid element ${tag.local}`;
      return;
    }
    for (const attr of Object.values(tag.attributes)) {
      const key = attr.uri && attr.prefix !== 'xmlns' ? `${attr.uri}:${attr.local}` : attr.local;
      if (key.toLowerCase().startsWith('on')) {
        problem = `Invalid attribute ${key}`;
        return;
      }
    }
  });
  try {
    parser.write(svg).close();
  } catch (e) {
    return problem ?? (e instanceof Error ? e.message : String(e));
  }
  return problem;
}

/** unsafesvg: every .svg in the zip passes the validator's SVG allow-list. */
export function unsafeSvg(plugin: UnpackedPlugin, findings: Finding[]) {
  for (const file of plugin.files.filter((f) => f.toLowerCase().endsWith('.svg'))) {
    const problem = svgProblem(read(plugin, file).toString('utf8'));
    if (problem) {
      reporter(findings, 'unsafesvg')('unsafe-svg-file', 'error', `SVG file ${file} is unsafe`, problem);
    }
  }
}

/**
 * Hosts of well-known analytics and tracking services. The validator matches against a 15,000-host
 * block list (blocklistproject's tracking list); this is the part that matters for a Grafana plugin.
 * The bundle test's URL allow-list (tests/integration/bundle.test.ts) catches any other new URL.
 */
export const TRACKING_HOSTS = [
  'google-analytics.com',
  'googletagmanager.com',
  'googleadservices.com',
  'doubleclick.net',
  'analytics.google.com',
  'hotjar.com',
  'hotjar.io',
  'segment.io',
  'segment.com',
  'mixpanel.com',
  'amplitude.com',
  'fullstory.com',
  'heapanalytics.com',
  'heap.io',
  'intercom.io',
  'intercomcdn.com',
  'intercomassets.com',
  'hubspot.com',
  'hs-analytics.net',
  'hs-scripts.com',
  'newrelic.com',
  'nr-data.net',
  'clarity.ms',
  'connect.facebook.net',
  'facebook.net',
  'mc.yandex.ru',
  'quantserve.com',
  'scorecardresearch.com',
  'mouseflow.com',
  'crazyegg.com',
  'optimizely.com',
  'logrocket.com',
  'smartlook.com',
  'matomo.cloud',
  'plausible.io',
  'ipinfo.io',
  'gigya.com',
  'bat.bing.com',
  'ads-twitter.com',
  'analytics.tiktok.com',
  'snap.licdn.com',
  'px.ads.linkedin.com',
];

/** trackingscripts: no URL in the emitted JavaScript (module.js and every chunk) points at a tracker. */
export function trackingScripts(plugin: UnpackedPlugin, findings: Finding[]) {
  for (const file of plugin.files.filter((f) => f.endsWith('.js'))) {
    for (const url of read(plugin, file)
      .toString('utf8')
      .match(/https?:\/\/[^\s]+/g) ?? []) {
      const host = TRACKING_HOSTS.find((h) => url.includes(h));
      if (host) {
        reporter(findings, 'trackingscripts')(
          'tracking-scripts',
          'error',
          `${file}: should not include tracking scripts`,
          `Found: ${url}`
        );
      }
    }
  }
}

/** License texts the validator accepts (BSD, MIT, Apache 2.0, LGPL3, GPL3, AGPL3), by their wording. */
const ACCEPTED_LICENSES: Array<{ spdx: string; text: RegExp }> = [
  { spdx: 'Apache-2.0', text: /Apache License\s+Version 2\.0/ },
  { spdx: 'MIT', text: /Permission is hereby granted, free of charge/ },
  { spdx: 'BSD', text: /Redistribution and use in source and binary forms/ },
  { spdx: 'AGPL-3.0', text: /GNU AFFERO GENERAL PUBLIC LICENSE\s+Version 3/ },
  { spdx: 'LGPL-3.0', text: /GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3/ },
  { spdx: 'GPL-3.0', text: /GNU GENERAL PUBLIC LICENSE\s+Version 3/ },
];

/** license: a LICENSE of an accepted kind, with the template placeholders filled in. */
export function license(plugin: UnpackedPlugin, findings: Finding[]) {
  const report = reporter(findings, 'license');
  if (!plugin.files.includes('LICENSE')) {
    report('license-not-provided', 'error', 'LICENSE file not found');
    return;
  }
  const text = read(plugin, 'LICENSE').toString('utf8');
  if (!ACCEPTED_LICENSES.some((l) => l.text.test(text))) {
    report('license-not-valid', 'error', 'Valid license not found');
  } else if (text.includes('{name of copyright owner}') || text.includes('{yyyy}')) {
    report('license-with-generic-text', 'warning', 'License file contains generic text');
  }
}

/**
 * changelog: CHANGELOG.md present and not empty. Also (Cascade's rule, not the validator's) it has
 * an entry for the version being shipped, so the catalog's changelog tab matches the release.
 */
export function changelog(plugin: UnpackedPlugin, findings: Finding[]) {
  const report = reporter(findings, 'changelog');
  if (!plugin.files.includes('CHANGELOG.md')) {
    report('missing-changelog', 'warning', 'missing CHANGELOG.md');
    return;
  }
  const text = read(plugin, 'CHANGELOG.md').toString('utf8');
  const version = plugin.metadata['plugin.json']?.info?.version ?? '';
  if (!text.trim()) {
    report('missing-changelog', 'warning', 'CHANGELOG.md is empty');
  } else if (!new RegExp(`^#+\\s*\\[?v?${version.replace(/\./g, '\\.')}\\]?(\\s|$)`, 'm').test(text)) {
    report('missing-version-entry', 'error', `CHANGELOG.md has no entry for version ${version}`);
  }
}

/** readme, templatereadme, brokenlinks (relative-link) and jargon on the shipped README.md. */
export function readme(plugin: UnpackedPlugin, findings: Finding[]) {
  const report = reporter(findings, 'readme');
  const text = plugin.files.includes('README.md') ? read(plugin, 'README.md').toString('utf8') : '';
  if (!text.trim()) {
    report('missing-readme', 'error', plugin.files.includes('README.md') ? 'README.md is empty' : 'missing README.md');
    return;
  }
  if (/<!--.*?-->/.test(text)) {
    report('readme-comment', 'warning', 'README.md contains comment(s).');
  }
  if (/Grafana (Panel|Data Source|Datasource|App|Data Source Backend) Plugin Template/i.test(text)) {
    reporter(findings, 'templatereadme')('template-readme', 'error', 'README.md: uses README from template');
  }
  for (const target of readmeLinkTargets(text)) {
    if (!/^(mailto:|https?:\/\/)/.test(target)) {
      reporter(findings, 'brokenlinks')(
        'relative-link',
        'error',
        `README.md: convert relative link to absolute: ${target}`,
        "README.md contains relative links. These links will not work on the Grafana plugin's catalog."
      );
    }
  }
  const jargon = ['yarn', 'nodejs'].filter((w) => text.includes(w));
  if (jargon.length > 0) {
    reporter(findings, 'jargon')(
      'developer-jargon',
      'warning',
      `README.md contains developer jargon: (${jargon.join(', ')})`
    );
  }
}

/** Link targets exactly as the validator's brokenlinks reads them (its regex; `#` anchors skipped, titles cut). */
export function readmeLinkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/\[.+?\]\((.+?)\)/g)]
    .map((m) => m[1])
    .filter((t) => !t.startsWith('#'))
    .map((t) => t.trim().split(/\s+/)[0] ?? t);
}

/** checksum: the given MD5/SHA1 (a value, or a `sha1sum`-style file's first field) matches the zip. */
export function checksum(zipPath: string, given: string, findings: Finding[]) {
  const report = reporter(findings, 'checksum');
  const raw = fs.existsSync(given) ? fs.readFileSync(given, 'utf8') : given;
  const sum = (raw.trim().split(/\s+/)[0] ?? '').toLowerCase();
  const algorithm = sum.length === 32 ? 'md5' : sum.length === 40 ? 'sha1' : undefined;
  if (!algorithm) {
    report(
      'checksum-format-error',
      'error',
      `Invalid checksum format: ${sum}`,
      'Only MD5 and SHA1 checksums are supported.'
    );
    return;
  }
  if (createHash(algorithm).update(fs.readFileSync(zipPath)).digest('hex') !== sum) {
    report('checksum-invalid', 'error', `The provided checksum ${sum} does not match the plugin archive`);
  }
}
