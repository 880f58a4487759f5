/**
 * `/sandbox/extensions`: every Grafana extension point the app adds links to, rendered the way
 * Grafana resolves them (sandbox/host/extensionLinks.ts) for contexts built from the running stack
 * (sandbox/host/extensionContexts.ts). Each link navigates like Grafana's menus do. The asset whose
 * trace and Explore queries are used comes from `?asset=`; dashboard variables from `var-<name>`.
 */
import React, { useEffect, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import { AppPlugin, AppPluginMeta, GrafanaTheme2 } from '@grafana/data';
import { config, locationService } from '@grafana/runtime';
import { Alert, useStyles2 } from '@grafana/ui';
import { useSearchParams } from 'react-router-dom';
import { useHost } from '../hostContext';
import { DeclaredLink, linksFor, registrationProblems } from '../extensionLinks';
import { extensionCases, ExtensionPointCases } from '../extensionContexts';
import { importAppPlugin } from '../pluginImporter';
import { hostTestIds } from '../testIds';
import { usePluginSettings } from '../usePluginSettings';
import { LoadError, Loading } from './Notices';
import { PageFrame } from './PageFrame';

const DEFAULT_ASSET = 'fct_glucose_readings';

export function ExtensionsPage() {
  const styles = useStyles2(getStyles);
  const [search] = useSearchParams();
  const asset = search.get('asset') ?? DEFAULT_ASSET;
  const pluginId = Object.keys(config.apps ?? {})[0];
  const settings = usePluginSettings<AppPluginMeta>(pluginId);
  const { setApp } = useHost();
  const [plugin, setPlugin] = useState<AppPlugin>();
  const [points, setPoints] = useState<ExtensionPointCases[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const meta = settings.meta;
    if (!meta) {
      return;
    }
    let cancelled = false;
    setApp(meta);
    const dashboards = (meta.includes ?? []).filter((i) => i.type === 'dashboard' && i.path).map((i) => i.path!);
    Promise.all([importAppPlugin(meta), extensionCases(meta.id, asset, dashboards)]).then(
      ([p, cases]) => !cancelled && (setPlugin(p), setPoints(cases)),
      (e: Error) => !cancelled && setError(e.message ?? String(e))
    );
    return () => {
      cancelled = true;
    };
  }, [settings.meta, setApp, asset]);

  const declared = useMemo(() => (config.apps?.[pluginId]?.extensions?.addedLinks ?? []) as DeclaredLink[], [pluginId]);
  const accepted = useMemo(() => {
    const links = plugin?.addedLinkConfigs ?? [];
    const problems = links.flatMap((l) => registrationProblems(pluginId, l, declared));
    return { links: links.filter((l) => registrationProblems(pluginId, l, declared).length === 0), problems };
  }, [plugin, pluginId, declared]);

  if (!pluginId) {
    return <LoadError pluginId="(none)" error="No app plugin is enabled." />;
  }
  if (settings.error || error) {
    return <LoadError pluginId={pluginId} error={(settings.error ?? error)!} />;
  }
  if (!plugin || !points) {
    return <Loading text="Loading extension points…" />;
  }
  return (
    <PageFrame pageNav={{ text: 'Extension points' }} subTitle={`Links ${pluginId} adds to Grafana, per context`}>
      {accepted.problems.length > 0 && (
        <div role="alert" data-testid={hostTestIds.extensionProblems}>
          <Alert severity="error" title="Grafana would refuse these links">
            <ul>
              {accepted.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </Alert>
        </div>
      )}
      {points.map((point) => (
        <section
          key={point.extensionPointId}
          className={styles.point}
          aria-label={point.title}
          data-testid={hostTestIds.extensionPoint(point.extensionPointId)}
        >
          <h2 className={styles.title}>
            {point.title} <code>{point.extensionPointId}</code>
          </h2>
          {point.cases.length === 0 && <p className={styles.muted}>No contexts from the stack yet.</p>}
          <ul className={styles.cases}>
            {point.cases.map((c) => {
              const links = linksFor(pluginId, point.extensionPointId, accepted.links, c.context);
              return (
                <li key={c.id} data-testid={hostTestIds.extensionCase(c.id)} className={styles.case}>
                  <span className={styles.label}>{c.label}</span>
                  {links.length === 0 ? (
                    <span className={styles.muted}>no link</span>
                  ) : (
                    links.map((l) => (
                      <a
                        key={l.title + l.path}
                        href={l.path}
                        title={l.description}
                        data-category={l.category}
                        onClick={(e) => {
                          // Grafana's extension menus navigate inside the app (no reload).
                          e.preventDefault();
                          locationService.push(l.path);
                        }}
                      >
                        {l.title}
                      </a>
                    ))
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </PageFrame>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  point: css({ marginBottom: theme.spacing(3) }),
  title: css({ ...theme.typography.h4 }),
  cases: css({ listStyle: 'none', padding: 0, margin: 0 }),
  case: css({ display: 'flex', gap: theme.spacing(2), padding: theme.spacing(0.5, 0) }),
  label: css({ minWidth: 360 }),
  muted: css({ color: theme.colors.text.secondary }),
});
