/**
 * The plugins the sandbox serves, found like Grafana finds them: a plugin.json at the root of the
 * plugin directory (dist/) and nested plugin.json files one level down (dist/datasource/), each
 * served under /public/plugins/<id>/. Metas are read per request so a rebuild needs no restart.
 */
import fs from 'fs';
import path from 'path';
import type { ProvisionedApp } from './provisioning';

export interface PluginJson {
  id: string;
  type: 'app' | 'datasource' | 'panel';
  name: string;
  info: Record<string, any>;
  includes?: Array<Record<string, any>>;
  dependencies?: Record<string, any>;
  [key: string]: unknown;
}

export interface PluginDir {
  id: string;
  dir: string;
}

/** Plugin settings as Grafana keeps them per org (what POST /api/plugins/<id>/settings updates). */
export interface PluginSettingsState {
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown>;
  secureJsonFields: Record<string, boolean>;
}

/** Finds plugin directories under `distDir` (root + one nesting level) plus extra fixture dirs. */
export function discoverPlugins(distDir: string, extra: Record<string, string> = {}): PluginDir[] {
  const found: PluginDir[] = [];
  const readId = (dir: string) => {
    const file = path.join(dir, 'plugin.json');
    if (fs.existsSync(file)) {
      found.push({ id: (JSON.parse(fs.readFileSync(file, 'utf8')) as PluginJson).id, dir });
    }
  };
  if (fs.existsSync(distDir)) {
    readId(distDir);
    for (const name of fs.readdirSync(distDir)) {
      // statSync follows symlinks (a linked plugin directory counts, as in Grafana's plugin scan).
      const dir = path.join(distDir, name);
      if (fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
        readId(dir);
      }
    }
  }
  for (const [id, dir] of Object.entries(extra)) {
    found.push({ id, dir });
  }
  return found;
}

export function readPluginJson(dir: string): PluginJson | undefined {
  const file = path.join(dir, 'plugin.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as PluginJson) : undefined;
}

/** Initial settings: provisioned apps as provisioned; other apps disabled; data sources enabled. */
export function initialSettings(json: PluginJson, provisioned: ProvisionedApp | undefined): PluginSettingsState {
  if (provisioned) {
    return {
      enabled: provisioned.enabled,
      pinned: provisioned.pinned,
      jsonData: structuredClone(provisioned.jsonData),
      secureJsonFields: { ...provisioned.secureJsonFields },
    };
  }
  return { enabled: json.type !== 'app', pinned: false, jsonData: {}, secureJsonFields: {} };
}

/** The PluginMeta Grafana returns from GET /api/plugins/<id>/settings. */
export function pluginMeta(json: PluginJson, settings: PluginSettingsState) {
  const baseUrl = `public/plugins/${json.id}`;
  const logos = json.info?.logos ?? {};
  const absolutize = (p?: string) => (p && !/^https?:|^\//.test(p) ? `${baseUrl}/${p}` : p);
  const includes = (json.includes ?? []).map((inc): Record<string, any> => ({
    ...inc,
    slug:
      inc.slug ??
      String(inc.name ?? '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-'),
  }));
  const defaultNav = includes.find((i) => i.type === 'page' && i.defaultNav && i.path);
  return {
    ...json,
    includes,
    info: {
      links: [],
      screenshots: [],
      ...json.info,
      logos: { small: absolutize(logos.small), large: absolutize(logos.large) },
    },
    module: `${baseUrl}/module.js`,
    baseUrl,
    enabled: settings.enabled,
    pinned: settings.pinned,
    autoEnabled: false,
    jsonData: settings.jsonData,
    secureJsonFields: settings.secureJsonFields,
    defaultNavUrl: defaultNav?.path ?? (json.type === 'app' ? `/plugins/${json.id}/` : undefined),
    hasUpdate: false,
    latestVersion: '',
    signature: 'unsigned',
    signatureType: '',
    state: json.state ?? '',
    loadingStrategy: 'script',
    angular: { detected: false, hideDeprecation: false },
    // plugin.json's declarations, as Grafana reads them into the app's config (empty lists by default).
    extensions: {
      addedLinks: [],
      addedComponents: [],
      addedFunctions: [],
      exposedComponents: [],
      extensionPoints: [],
      ...(json.extensions as Record<string, unknown> | undefined),
    },
  };
}

export type PluginMetaDto = ReturnType<typeof pluginMeta>;
