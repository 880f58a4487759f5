/**
 * The sandbox's PluginPage (installed with setPluginPage): Grafana's page frame contract — title
 * from `pageNav` or the app's include page, breadcrumbs (Home › app › page › pageNav parents),
 * subtitle, info items, actions, `pageNav.children` as tabs, then the children.
 */
import React, { useEffect } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, NavModelItem, PluginInclude } from '@grafana/data';
import type { PluginPageProps } from '@grafana/runtime';
import { Stack, Tab, TabsBar, TextLink, useStyles2 } from '@grafana/ui';
import { useLocation } from 'react-router-dom';
import { useHost } from '../hostContext';
import { hostTestIds } from '../testIds';

interface Crumb {
  text: string;
  url?: string;
}

/** The app include page whose path is the longest prefix of the current path. */
export function matchInclude(includes: PluginInclude[] | undefined, pathname: string): PluginInclude | undefined {
  return (includes ?? [])
    .filter((i) => i.type === 'page' && i.path && (pathname === i.path || pathname.startsWith(`${i.path}/`)))
    .sort((a, b) => (b.path?.length ?? 0) - (a.path?.length ?? 0))[0];
}

function pageNavChain(item: NavModelItem | undefined): NavModelItem[] {
  const chain: NavModelItem[] = [];
  for (let cur = item; cur; cur = cur.parentItem) {
    chain.unshift(cur);
  }
  return chain;
}

export function PageFrame({ pageNav, subTitle, actions, info, renderTitle, children }: PluginPageProps) {
  const styles = useStyles2(getStyles);
  const { app } = useHost();
  const { pathname } = useLocation();
  const include = matchInclude(app?.includes, pathname);
  const crumbs: Crumb[] = [{ text: 'Home', url: '/' }];
  if (app) {
    crumbs.push({ text: app.name, url: app.defaultNavUrl });
  }
  if (include) {
    crumbs.push({ text: include.name, url: include.path });
  }
  for (const item of pageNavChain(pageNav)) {
    if (item.text !== include?.name && item.text !== app?.name) {
      crumbs.push({ text: item.text, url: item.url });
    }
  }
  const title = pageNav?.text ?? include?.name ?? app?.name ?? '';
  const sub = subTitle ?? pageNav?.subTitle;

  useEffect(() => {
    document.title = [title, app?.name, 'Grafana'].filter(Boolean).join(' - ');
  }, [title, app?.name]);

  return (
    <div className={styles.page} data-testid={hostTestIds.page}>
      <nav aria-label="Breadcrumbs" data-testid={hostTestIds.breadcrumbs}>
        <ol className={styles.crumbs}>
          {crumbs.map((c, i) => (
            <li key={`${c.text}-${i}`} className={styles.crumb}>
              {c.url && i < crumbs.length - 1 ? (
                <TextLink href={c.url} color="secondary" inline={false} variant="bodySmall">
                  {c.text}
                </TextLink>
              ) : (
                <span aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{c.text}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <div className={styles.header}>
        <Stack justifyContent="space-between" alignItems="flex-start" wrap="wrap">
          <h1 className={styles.title} data-testid={hostTestIds.pageTitle}>
            {renderTitle ? renderTitle(title) : title}
          </h1>
          {actions && <Stack gap={1}>{actions}</Stack>}
        </Stack>
        {sub && <div className={styles.subTitle}>{sub}</div>}
        {info && info.length > 0 && (
          <dl className={styles.info}>
            {info.map((item) => (
              <div key={item.label} className={styles.infoItem}>
                <dt>{item.label}</dt>
                <dd>{item.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
      {pageNav?.children && pageNav.children.length > 0 && (
        <TabsBar className={styles.tabs}>
          {pageNav.children
            .filter((c) => !c.hideFromTabs)
            .map((c) => (
              <Tab
                key={c.url ?? c.text}
                label={c.text}
                href={c.url}
                active={c.active}
                icon={c.icon}
                counter={c.tabCounter}
              />
            ))}
        </TabsBar>
      )}
      <div className={styles.contents}>{children}</div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({
    display: 'flex',
    flexDirection: 'column',
    flexGrow: 1,
    minHeight: 0,
    padding: theme.spacing(2, 3, 3),
    gap: theme.spacing(1),
  }),
  crumbs: css({
    display: 'flex',
    flexWrap: 'wrap',
    listStyle: 'none',
    margin: 0,
    padding: 0,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
  }),
  crumb: css({
    '&:not(:last-child)::after': { content: '"›"', margin: theme.spacing(0, 1) },
  }),
  header: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  title: css({ margin: 0, fontSize: theme.typography.h2.fontSize }),
  subTitle: css({ color: theme.colors.text.secondary }),
  info: css({ display: 'flex', gap: theme.spacing(3), margin: 0 }),
  infoItem: css({
    dt: { color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize },
    dd: { margin: 0 },
  }),
  tabs: css({ marginTop: theme.spacing(1) }),
  contents: css({ display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0, marginTop: theme.spacing(1) }),
});
