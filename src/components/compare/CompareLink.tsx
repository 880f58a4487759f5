import { Link, useLocation } from 'react-router-dom';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import { testIds } from '../../testIds';
import { compareUrl } from '../../utils/routing';
import { withTimeParams } from '../../views/links';

/** "Compare with last good run": opens the run comparison of `trace`, keeping the time range. */
export function CompareLink({ asset, trace }: { asset?: string; trace: string }) {
  const styles = useStyles2(getStyles);
  const { search } = useLocation();
  return (
    <Link
      to={withTimeParams(compareUrl({ asset, trace }), search)}
      className={styles.link}
      data-testid={testIds.compare.link}
    >
      <Icon name="exchange-alt" /> Compare with last good run
    </Link>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  link: css({
    color: theme.colors.text.link,
    textDecoration: 'none',
    whiteSpace: 'nowrap',
    '&:hover': { textDecoration: 'underline' },
  }),
});
