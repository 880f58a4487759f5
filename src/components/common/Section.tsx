import { ReactNode, useId } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { LoadingBar, LoadingPlaceholder, Stack, useStyles2 } from '@grafana/ui';
import { Backend } from '../../model';
import { SOURCE_NAMES } from '../../views/sourceErrors';

interface Props {
  title: ReactNode;
  /** data-testid of the section */
  testId?: string;
  /** a query feeding this section is in flight */
  loading?: boolean;
  /** nothing to show (the section then shows loading, the failed source or `emptyText`) */
  empty?: boolean;
  emptyText?: ReactNode;
  /** the backend this section depends on failed */
  failedSource?: Backend;
  /** links or controls on the right of the title */
  actions?: ReactNode;
  children?: ReactNode;
}

/** A titled page section with its own loading, empty and source-failure states. */
export function Section({
  title,
  testId,
  loading,
  empty,
  emptyText = 'No data in the selected time range.',
  failedSource,
  actions,
  children,
}: Props) {
  const styles = useStyles2(getStyles);
  const titleId = useId();
  let body: ReactNode = children;
  if (empty) {
    if (loading) {
      body = <LoadingPlaceholder text="Loading…" />;
    } else if (failedSource) {
      body = (
        <p className={styles.muted}>No data: {SOURCE_NAMES[failedSource]} is unavailable (see the error above).</p>
      );
    } else {
      body = <p className={styles.muted}>{emptyText}</p>;
    }
  }
  return (
    <section className={styles.section} aria-labelledby={titleId} aria-busy={loading || undefined} data-testid={testId}>
      {loading && !empty && (
        <div className={styles.loadingBar}>
          <LoadingBar width={400} />
        </div>
      )}
      <Stack justifyContent="space-between" alignItems="center" wrap="wrap">
        <h2 id={titleId} className={styles.title}>
          {title}
        </h2>
        {actions}
      </Stack>
      <div className={styles.body}>{body}</div>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({
    position: 'relative',
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(2),
    minWidth: 0,
  }),
  loadingBar: css({ position: 'absolute', top: 0, left: 0, right: 0, overflow: 'hidden' }),
  title: css({ ...theme.typography.h5, margin: 0 }),
  body: css({ marginTop: theme.spacing(1.5) }),
  muted: css({ color: theme.colors.text.secondary, margin: 0 }),
});
