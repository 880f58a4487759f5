import { createContext, useContext } from 'react';
import type { AppPluginMeta } from '@grafana/data';

export type OrgRole = 'Viewer' | 'Editor' | 'Admin';
export type ThemeId = 'dark' | 'light';

/** What the host chrome and page frame know about the signed-in user and the current app. */
export interface HostState {
  role: OrgRole;
  theme: ThemeId;
  setTheme: (theme: ThemeId) => void;
  /** Meta of the app whose page is showing (set by the app root page), for nav and titles. */
  app?: AppPluginMeta;
  setApp: (meta: AppPluginMeta | undefined) => void;
}

export const HostContext = createContext<HostState>({
  role: 'Viewer',
  theme: 'dark',
  setTheme: () => {},
  setApp: () => {},
});

export const useHost = () => useContext(HostContext);

const RANK: Record<string, number> = { Viewer: 1, Editor: 2, Admin: 3 };

/** Grafana's include-role check: a page declaring `role: Admin` needs Admin, and so on. */
export function hasRole(userRole: OrgRole, required?: string): boolean {
  return !required || (RANK[userRole] ?? 0) >= (RANK[required] ?? 0);
}
