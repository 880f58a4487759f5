/** Grafana's alert toasts: plugins publish `alert-success` / `alert-error` on appEvents. */
import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import { AppEvents, GrafanaTheme2 } from '@grafana/data';
import { getAppEvents } from '@grafana/runtime';
import { Alert, useStyles2 } from '@grafana/ui';
import { hostTestIds } from '../testIds';

interface Toast {
  id: number;
  severity: 'success' | 'error' | 'warning';
  title: string;
  text?: string;
}

let counter = 0;

export function Toasts() {
  const styles = useStyles2(getStyles);
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEffect(() => {
    const events = getAppEvents();
    const kinds: Array<[string, Toast['severity']]> = [
      [AppEvents.alertSuccess.name, 'success'],
      [AppEvents.alertError.name, 'error'],
      [AppEvents.alertWarning.name, 'warning'],
    ];
    const subs = kinds.map(([type, severity]) =>
      events.subscribe({ type } as never, (event: { payload?: unknown[] }) => {
        const [title, text] = (event.payload ?? []) as string[];
        const toast = { id: ++counter, severity, title: String(title ?? ''), text: text ? String(text) : undefined };
        setToasts((t) => [...t.slice(-4), toast]);
        setTimeout(() => setToasts((t) => t.filter((x) => x.id !== toast.id)), severity === 'error' ? 10000 : 4000);
      })
    );
    return () => subs.forEach((s) => s.unsubscribe());
  }, []);
  return (
    <div className={styles.toasts} aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} data-testid={hostTestIds.toast}>
          <Alert
            severity={t.severity}
            title={t.title}
            onRemove={() => setToasts((all) => all.filter((x) => x.id !== t.id))}
          >
            {t.text}
          </Alert>
        </div>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  toasts: css({
    position: 'fixed',
    top: theme.spacing(8),
    right: theme.spacing(2),
    zIndex: theme.zIndex.portal,
    width: 400,
  }),
});
