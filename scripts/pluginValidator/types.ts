/**
 * Shared shapes of the offline re-implementation of grafana/plugin-validator's rules
 * (scripts/validatePlugin.ts). Analyzer and rule names are the validator's own, so a finding reads
 * like the validator's report.
 */

export type Severity = 'error' | 'warning';

export interface Finding {
  /** The validator's analyzer name (archive, includesnested, brokenlinks, jsMap, ...). */
  analyzer: string;
  /** The validator's rule name within the analyzer (relative-link, js-map-no-match, ...). */
  rule: string;
  severity: Severity;
  title: string;
  detail?: string;
}

/** The subset of plugin.json the rules read. */
export interface PluginMetadata {
  id?: string;
  type?: string;
  name?: string;
  info?: {
    description?: string;
    keywords?: string[];
    version?: string;
    author?: { name?: string; url?: string };
    links?: Array<{ name?: string; url?: string }>;
    logos?: { small?: string; large?: string };
    screenshots?: Array<{ name?: string; path?: string }>;
  };
  includes?: Array<{ type?: string; name?: string; path?: string }>;
  dependencies?: { grafanaDependency?: string };
}

/** An unpacked plugin zip: `dir` is its single top folder; `files` are posix paths relative to it. */
export interface UnpackedPlugin {
  dir: string;
  files: string[];
  /** Every plugin.json, keyed like the validator's nestedmetadata: `plugin.json` for the root one. */
  metadata: Record<string, PluginMetadata>;
}

/** Collects findings for one analyzer. */
export function reporter(findings: Finding[], analyzer: string) {
  return (rule: string, severity: Severity, title: string, detail?: string) => {
    findings.push({ analyzer, rule, severity, title, detail });
  };
}
