/** Full-page notices of the host: plugin load failures, access denied, loading. */
import React from 'react';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import { hostTestIds } from '../testIds';
import { PageFrame } from './PageFrame';

/** A plugin bundle that failed to load: shown, never swallowed (the loader also logs it). */
export function LoadError({ pluginId, error }: { pluginId: string; error: string }) {
  return (
    <PageFrame pageNav={{ text: 'Plugin failed to load' }}>
      <div data-testid={hostTestIds.loadError} role="alert">
        <Alert severity="error" title={`Plugin "${pluginId}" failed to load`}>
          <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{error}</pre>
        </Alert>
      </div>
    </PageFrame>
  );
}

export function AccessDenied({ what, role }: { what: string; role: string }) {
  return (
    <PageFrame pageNav={{ text: 'Access denied' }}>
      <div data-testid={hostTestIds.accessDenied}>
        <Alert severity="warning" title="Access denied">
          {what} requires the Admin role. You are signed in as {role}.
        </Alert>
      </div>
    </PageFrame>
  );
}

export function Loading({ text }: { text: string }) {
  return (
    <div data-testid={hostTestIds.loading} style={{ padding: 24 }}>
      <LoadingPlaceholder text={text} />
    </div>
  );
}
