/**
 * Loads plugin bundles the way Grafana does: `module.js` is an AMD module, fetched by SystemJS
 * (script strategy) with its AMD extra; every shared external is registered in the module
 * registry under `package:<name>` and mapped from its bare name with an import map. The AMD
 * `module` dependency carries the script URL (`module.uri`), which is how the plugin's dynamic
 * public path resolves to `/public/plugins/<id>/`.
 *
 * A bundle that imports anything else cannot be resolved: the error names the bundle and the
 * import, is logged with console.error and is shown on the page by the caller.
 */
import 'systemjs/dist/system.js';
import 'systemjs/dist/extras/amd.js';
import type { SharedModule } from './sharedDependencies';

const PREFIX = 'package:';

interface SystemJSLike {
  import(id: string, parentUrl?: string): Promise<Record<string, unknown>>;
  resolve(id: string, parentUrl?: string): string;
  set(id: string, module: Record<string, unknown>): void;
  has(id: string): boolean;
  addImportMap(map: { imports: Record<string, string> }): void;
  instantiate(url: string, parentUrl?: string, meta?: unknown): unknown;
}

const System = (window as unknown as { System: SystemJSLike }).System;

/** A plugin bundle failed to load; `importedName` is set when it imports an unshared module. */
export class PluginLoadError extends Error {
  constructor(
    message: string,
    readonly moduleUrl: string,
    readonly importedName?: string
  ) {
    super(message);
    this.name = 'PluginLoadError';
  }
}

let sharedNames: string[] = [];
let grafanaOnly = new Set<string>();

/** Registers the shared externals and installs the resolve/instantiate hooks. Call once. */
export function registerSharedDependencies(map: Record<string, SharedModule>, notProvided: string[] = []) {
  const imports: Record<string, string> = {};
  const lazy = new Map<string, () => Promise<Record<string, unknown>>>();
  for (const [name, mod] of Object.entries(map)) {
    const id = `${PREFIX}${name}`;
    if (typeof mod === 'function') {
      lazy.set(id, mod);
    } else {
      System.set(id, mod);
    }
    imports[name] = id;
  }
  System.addImportMap({ imports });
  sharedNames = Object.keys(map).sort();
  grafanaOnly = new Set(notProvided);

  // Lazy shared modules become System.register records when first requested.
  const instantiate = System.instantiate.bind(System);
  System.instantiate = (url: string, parentUrl?: string, meta?: unknown) => {
    const load = lazy.get(url);
    if (!load) {
      return instantiate(url, parentUrl, meta);
    }
    return load().then((ns) => [
      [],
      (exportFn: (ns: Record<string, unknown>) => void) => {
        exportFn(ns);
        return { execute() {} };
      },
    ]);
  };

  // Unresolvable bare specifiers: the message Grafana users would need, not SystemJS' error code.
  const resolve = System.resolve.bind(System);
  System.resolve = (id: string, parentUrl?: string) => {
    try {
      return resolve(id, parentUrl);
    } catch (e) {
      const from = parentUrl ?? '(page)';
      const why = grafanaOnly.has(id)
        ? `Grafana shares "${id}" with plugins, but the sandbox does not provide it.`
        : `Grafana does not share "${id}" with plugins: it must be bundled into the plugin.`;
      throw new PluginLoadError(
        `Plugin bundle ${from} imports "${id}", which cannot be resolved. ${why} ` +
          `Shared modules: ${sharedNames.join(', ')}. (${(e as Error).message})`,
        from,
        id
      );
    }
  };
}

/** The names the host shares (for diagnostics and tests). */
export function getSharedNames(): string[] {
  return sharedNames;
}

function findLoadError(e: unknown): PluginLoadError | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    if (cur instanceof PluginLoadError) {
      return cur;
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

const imports = new Map<string, Promise<Record<string, unknown>>>();

/**
 * Imports a plugin's module.js (path as in plugin meta, e.g. `public/plugins/<id>/module.js`).
 * Failures reject with a PluginLoadError and are logged with console.error, every time.
 */
export function importPluginModule(path: string): Promise<Record<string, unknown>> {
  const url = new URL(path, document.baseURI).toString();
  let pending = imports.get(url);
  if (!pending) {
    pending = System.import(url).catch((e: unknown) => {
      imports.delete(url);
      const known = findLoadError(e);
      if (known) {
        throw known;
      }
      const message = e instanceof Error ? e.message : String(e);
      throw new PluginLoadError(`Plugin bundle ${url} failed to load: ${message}`, url);
    });
    imports.set(url, pending);
  }
  return pending.catch((e: PluginLoadError) => {
    console.error(`[sandbox] ${e.message}`);
    throw e;
  });
}
