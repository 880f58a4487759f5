/**
 * Reads Grafana's provisioning files (the same ones docker compose mounts into Grafana) the way
 * Grafana does: every `*.yaml`/`*.yml` in provisioning/datasources and provisioning/plugins, with
 * environment expansion (`$VAR`, `${VAR}`, `$__env{VAR}`, `$$` for a literal `$`).
 */
import fs from 'fs';
import path from 'path';
import YAML from 'yaml';

/** One provisioned data source, after env expansion. */
export interface ProvisionedDatasource {
  id: number;
  uid: string;
  name: string;
  type: string;
  access: 'proxy' | 'direct';
  url: string;
  isDefault: boolean;
  /** Provisioned data sources are read-only in Grafana unless `editable: true`. */
  readOnly: boolean;
  jsonData: Record<string, unknown>;
  /** Names of provisioned secure fields (values are never sent to the browser). */
  secureJsonFields: Record<string, boolean>;
  secureJsonData: Record<string, string>;
  basicAuth: boolean;
  withCredentials: boolean;
  database?: string;
  user?: string;
  version: number;
}

/** One provisioned app (provisioning/plugins `apps:`). */
export interface ProvisionedApp {
  type: string;
  orgId: number;
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown>;
  secureJsonFields: Record<string, boolean>;
}

export interface Provisioning {
  datasources: ProvisionedDatasource[];
  apps: ProvisionedApp[];
}

/** Grafana's env expansion for provisioning files; unknown variables expand to ''. */
export function expandEnv(text: string, env: Record<string, string | undefined>): string {
  return text.replace(
    /\$\$|\$__env\{([^}]*)\}|\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (m, envName, braced, bare) => {
      if (m === '$$') {
        return '$';
      }
      const name = (envName ?? braced ?? bare) as string;
      return env[name] ?? '';
    }
  );
}

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function expandDeep<T>(value: T, env: Record<string, string | undefined>): T {
  if (typeof value === 'string') {
    return expandEnv(value, env) as T;
  }
  if (Array.isArray(value)) {
    return value.map((v) => expandDeep(v, env)) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandDeep(v, env)])) as T;
  }
  return value;
}

function parseFile(file: string, env: Record<string, string | undefined>): Record<string, unknown> {
  // Grafana expands the values after parsing, so a `$` in a comment or key cannot break the YAML.
  const doc = YAML.parse(fs.readFileSync(file, 'utf8')) ?? {};
  return expandDeep(doc, env) as Record<string, unknown>;
}

/** Loads provisioning/datasources and provisioning/plugins under `root` with env expansion. */
export function loadProvisioning(root: string, env: Record<string, string | undefined>): Provisioning {
  const datasources: ProvisionedDatasource[] = [];
  for (const file of yamlFiles(path.join(root, 'provisioning', 'datasources'))) {
    const doc = parseFile(file, env);
    for (const raw of (doc.datasources as Array<Record<string, any>>) ?? []) {
      if (!raw.uid || !raw.type || !raw.name) {
        throw new Error(`${file}: every data source needs name, type and uid (got ${JSON.stringify(raw)})`);
      }
      const secure = (raw.secureJsonData ?? {}) as Record<string, string>;
      datasources.push({
        id: datasources.length + 1,
        uid: String(raw.uid),
        name: String(raw.name),
        type: String(raw.type),
        access: raw.access === 'direct' ? 'direct' : 'proxy',
        url: raw.url ? String(raw.url) : '',
        isDefault: Boolean(raw.isDefault),
        readOnly: raw.editable !== true,
        jsonData: (raw.jsonData ?? {}) as Record<string, unknown>,
        secureJsonData: secure,
        secureJsonFields: Object.fromEntries(Object.keys(secure).map((k) => [k, true])),
        basicAuth: Boolean(raw.basicAuth),
        withCredentials: Boolean(raw.withCredentials),
        database: raw.database,
        user: raw.user,
        version: 1,
      });
    }
  }
  const uids = new Set<string>();
  for (const ds of datasources) {
    if (uids.has(ds.uid)) {
      throw new Error(`Duplicate data source uid "${ds.uid}" in provisioning/datasources`);
    }
    uids.add(ds.uid);
  }

  const apps: ProvisionedApp[] = [];
  for (const file of yamlFiles(path.join(root, 'provisioning', 'plugins'))) {
    const doc = parseFile(file, env);
    for (const raw of (doc.apps as Array<Record<string, any>>) ?? []) {
      apps.push({
        type: String(raw.type),
        orgId: Number(raw.org_id ?? raw.orgId ?? 1),
        enabled: raw.disabled !== true,
        pinned: raw.pinned !== false,
        jsonData: (raw.jsonData ?? {}) as Record<string, unknown>,
        secureJsonFields: Object.fromEntries(Object.keys(raw.secureJsonData ?? {}).map((k: string) => [k, true])),
      });
    }
  }
  return { datasources, apps };
}
