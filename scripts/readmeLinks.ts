/**
 * The README that ships in the plugin zip is what grafana.com's catalog shows, away from the
 * repository, so every link in it must be absolute (the validator's brokenlinks/relative-link rule:
 * http(s), mailto: or #). Relative links to repository files become links into the repository when
 * its URL is known (package.json `repository`, or a plugin.json `info.links` entry named like
 * "Source code"/"Repository"/"GitHub"); without one they are unlinked: the text stays, images go
 * (the catalog shows plugin.json's screenshots on its own).
 */

/** A markdown link or image: `[text](target "title")` / `![alt](target)`, text may span lines. */
const MARKDOWN_LINK = /(!?)\[((?:[^\][]|\[[^\]]*\])*)\]\(\s*<?([^()\s>]+)>?(\s+"[^"]*")?\s*\)/g;

/** What the validator accepts in a README link (brokenlinks: `#`, `mailto:`, `http://`, `https://`). */
export function isAbsoluteLink(target: string): boolean {
  return /^(#|mailto:|https?:\/\/)/.test(target);
}

/** `https://host/owner/repo` from npm's `repository` forms (string, {url}, git+https, .git, github:x/y). */
export function normalizeRepositoryUrl(repository: unknown): string | undefined {
  const raw =
    typeof repository === 'string'
      ? repository
      : typeof repository === 'object' && repository !== null && 'url' in repository
        ? String((repository as { url: unknown }).url)
        : undefined;
  if (!raw) {
    return undefined;
  }
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  const url = shorthand
    ? `https://github.com/${shorthand[1]}`
    : raw.replace(/^git\+/, '').replace(/^git:\/\//, 'https://');
  return /^https?:\/\//.test(url) ? url.replace(/\.git$/, '').replace(/\/+$/, '') : undefined;
}

/** The repository URL from package.json's `repository`, else a plugin.json link that names the source. */
export function repositoryUrlOf(
  packageJson: { repository?: unknown },
  pluginJson?: { info?: { links?: unknown } }
): string | undefined {
  const fromPackage = normalizeRepositoryUrl(packageJson.repository);
  if (fromPackage) {
    return fromPackage;
  }
  const links = Array.isArray(pluginJson?.info?.links)
    ? (pluginJson!.info!.links as Array<{ name?: string; url?: string }>)
    : [];
  const source = links.find(
    (l) => /source|repositor|github|gitlab/i.test(l.name ?? '') && /^https?:\/\//.test(l.url ?? '')
  );
  return source ? normalizeRepositoryUrl(source.url) : undefined;
}

export interface RewriteResult {
  markdown: string;
  /** Relative targets found, in order (what the validator would have reported). */
  rewritten: string[];
}

/**
 * Makes every link of a README at the repository root absolute: `docs/x.md#y` becomes
 * `<repo>/blob/HEAD/docs/x.md#y`, an image `<repo>/raw/HEAD/<path>` (HEAD follows the default branch).
 * Without a repository URL, links keep their text only and images are dropped.
 */
export function absolutizeReadmeLinks(markdown: string, repositoryUrl: string | undefined): RewriteResult {
  const rewritten: string[] = [];
  const out = markdown.replace(MARKDOWN_LINK, (whole, bang: string, text: string, target: string, title = '') => {
    if (isAbsoluteLink(target)) {
      return whole;
    }
    rewritten.push(target);
    const file = target.replace(/^\.\//, '').replace(/^\/+/, '');
    if (!repositoryUrl) {
      return bang ? '' : text;
    }
    return `${bang}[${text}](${repositoryUrl}/${bang ? 'raw' : 'blob'}/HEAD/${file}${title})`;
  });
  return { markdown: out, rewritten };
}
