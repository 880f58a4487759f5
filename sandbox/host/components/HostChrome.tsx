/**
 * Minimal Grafana chrome: the app's `includes` pages from plugin.json (role-filtered, like the nav
 * tree), a theme switch, and the signed-in role (switchable: the sandbox's login is `?role=`).
 */
import React from 'react';
import { css, cx } from '@emotion/css';
import { GrafanaTheme2, PluginInclude } from '@grafana/data';
import { config } from '@grafana/runtime';
import { RadioButtonGroup, Select, Stack, useStyles2 } from '@grafana/ui';
import { Link, useLocation } from 'react-router-dom';
import { hasRole, OrgRole, ThemeId, useHost } from '../hostContext';
import { hostTestIds } from '../testIds';

const THEMES = [
  { label: 'Dark', value: 'dark' as ThemeId },
  { label: 'Light', value: 'light' as ThemeId },
];
const ROLES = (['Viewer', 'Editor', 'Admin'] as OrgRole[]).map((r) => ({ label: r, value: r }));

export function HostChrome({ navItems, children }: { navItems: PluginInclude[]; children: React.ReactNode }) {
  const styles = useStyles2(getStyles);
  const { theme, setTheme, role } = useHost();
  const { pathname } = useLocation();
  const visible = navItems.filter((i) => i.type === 'page' && i.addToNav && i.path && hasRole(role, i.role));
  return (
    <div className={styles.shell}>
      <header className={styles.bar} data-testid={hostTestIds.chrome}>
        <Stack alignItems="center" gap={2}>
          <Link to="/" className={styles.brand}>
            Cascade <span className={styles.sandbox}>sandbox · Grafana {config.buildInfo.version}</span>
          </Link>
          <nav aria-label="App pages" data-testid={hostTestIds.nav}>
            <ul className={styles.nav}>
              {visible.map((i) => {
                const active = pathname === i.path || pathname.startsWith(`${i.path}/`);
                return (
                  <li key={i.path}>
                    <Link
                      to={i.path!}
                      className={cx(styles.navLink, active && styles.active)}
                      aria-current={active ? 'page' : undefined}
                    >
                      {i.name}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        </Stack>
        <Stack alignItems="center" gap={2}>
          <div data-testid={hostTestIds.themeSwitch}>
            <RadioButtonGroup
              aria-label="Theme"
              size="sm"
              options={THEMES}
              value={theme}
              onChange={(v) => setTheme(v)}
            />
          </div>
          <div data-testid={hostTestIds.role} data-role={role} className={styles.role}>
            <Select
              aria-label="Signed-in role"
              width={14}
              options={ROLES}
              value={role}
              onChange={(v) => {
                // Changing user = a new session in Grafana: reload the page as that role.
                const url = new URL(window.location.href);
                url.searchParams.set('role', v.value!);
                window.location.assign(url.toString());
              }}
            />
          </div>
        </Stack>
      </header>
      <main className={styles.main}>{children}</main>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  shell: css({
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100vh',
    background: theme.colors.background.canvas,
  }),
  bar: css({
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(1, 2),
    background: theme.colors.background.primary,
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  brand: css({ fontWeight: theme.typography.fontWeightMedium, color: theme.colors.text.primary, whiteSpace: 'nowrap' }),
  sandbox: css({
    color: theme.colors.text.secondary,
    fontWeight: theme.typography.fontWeightRegular,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  nav: css({ display: 'flex', gap: theme.spacing(0.5), listStyle: 'none', margin: 0, padding: 0, flexWrap: 'wrap' }),
  navLink: css({
    display: 'block',
    padding: theme.spacing(0.5, 1),
    borderRadius: theme.shape.radius.default,
    color: theme.colors.text.secondary,
    '&:hover': { background: theme.colors.action.hover, color: theme.colors.text.primary },
  }),
  active: css({ color: theme.colors.text.primary, background: theme.colors.action.selected }),
  role: css({ display: 'flex', alignItems: 'center' }),
  main: css({ display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 }),
});
