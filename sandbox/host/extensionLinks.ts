/**
 * What Grafana does with an app's added links when an extension point renders (its
 * AddedLinksRegistry and usePluginLinks): a link is refused unless plugin.json's
 * `extensions.addedLinks` lists it with the same title and targets, and unless it has a `path` or an
 * `onClick`; per context, `configure(context)` returning undefined hides it, its overrides (title,
 * description, path, icon, category) apply, and a path outside `/a/<pluginId>/` hides it. The
 * context is deep-frozen (Grafana passes a read-only proxy). Problems are reported, not swallowed.
 */
import type { PluginExtensionAddedLinkConfig } from '@grafana/data';

export interface DeclaredLink {
  targets: string | string[];
  title: string;
  description?: string;
}

/** A link as an extension point shows it. */
export interface ResolvedLink {
  title: string;
  description?: string;
  path: string;
  category?: string;
  icon?: string;
}

const asList = (t: string | string[]) => (Array.isArray(t) ? t : [t]);
const sameTargets = (a: string | string[], b: string | string[]) =>
  JSON.stringify([...asList(a)].sort()) === JSON.stringify([...asList(b)].sort());

/** Grafana's registration checks: the problems that keep a link out of the registry (empty = accepted). */
export function registrationProblems(
  pluginId: string,
  link: PluginExtensionAddedLinkConfig,
  declared: DeclaredLink[]
): string[] {
  const problems: string[] = [];
  const entry = declared.find((d) => d.title === link.title && sameTargets(d.targets, link.targets));
  if (!entry) {
    problems.push(
      `"${link.title}" (${asList(link.targets).join(', ')}) is not listed in plugin.json extensions.addedLinks[] with these targets`
    );
  }
  if (!link.path && !link.onClick) {
    problems.push(`"${link.title}" has neither a path nor an onClick`);
  }
  if (link.path && !isLinkPathValid(pluginId, link.path)) {
    problems.push(`"${link.title}" has a path outside /a/${pluginId}/: ${link.path}`);
  }
  return problems;
}

export const isLinkPathValid = (pluginId: string, path: string) => path.startsWith(`/a/${pluginId}/`);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

/** The links an extension point shows for one context (accepted links only). */
export function linksFor(
  pluginId: string,
  extensionPointId: string,
  links: PluginExtensionAddedLinkConfig[],
  context: object
): ResolvedLink[] {
  const frozen = deepFreeze(context);
  const shown: ResolvedLink[] = [];
  for (const link of links) {
    if (!asList(link.targets).includes(extensionPointId)) {
      continue;
    }
    const overrides = link.configure ? link.configure(frozen) : {};
    if (overrides === undefined) {
      continue;
    }
    const path = overrides.path ?? link.path;
    if (!path || !isLinkPathValid(pluginId, path)) {
      continue;
    }
    shown.push({
      title: overrides.title ?? link.title,
      description: overrides.description ?? link.description,
      path,
      category: overrides.category ?? link.category,
      icon: overrides.icon ?? link.icon,
    });
  }
  return shown;
}
