/** Test ids of the sandbox host's own UI (the plugin's ids live in src/testIds.ts). */
export const hostTestIds = {
  chrome: 'data-testid sandbox-chrome',
  nav: 'data-testid sandbox-nav',
  themeSwitch: 'data-testid sandbox-theme-switch',
  role: 'data-testid sandbox-role',
  page: 'data-testid sandbox-page',
  pageTitle: 'data-testid sandbox-page-title',
  breadcrumbs: 'data-testid sandbox-breadcrumbs',
  loading: 'data-testid sandbox-loading',
  loadError: 'data-testid sandbox-plugin-load-error',
  accessDenied: 'data-testid sandbox-access-denied',
  pluginLoaded: 'data-testid sandbox-plugin-loaded',
  dsTestButton: 'data-testid sandbox-ds-test',
  dsTestResult: 'data-testid sandbox-ds-test-result',
  toast: 'data-testid sandbox-toast',
};
