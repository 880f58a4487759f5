import { memo, useEffect, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, TimeZone } from '@grafana/data';
import {
  Badge,
  BadgeColor,
  Column,
  FilterInput,
  InteractiveTable,
  RadioButtonGroup,
  Stack,
  useStyles2,
} from '@grafana/ui';
import { CascadeLogLine } from '../../model';
import { useDebounced } from '../../hooks/useDebounced';
import { LOG_LEVELS, logSummary, normalizeLevel, prettyLogBody } from '../../views/assetPage';
import { TraceLink } from '../common/AssetLink';
import { formatTime } from '../../views/format';

type Cell = { row: { original: CascadeLogLine } };

const LEVEL_COLOR: Record<ReturnType<typeof normalizeLevel>, BadgeColor> = {
  error: 'red',
  warning: 'orange',
  info: 'blue',
  debug: 'darkgrey',
  unknown: 'darkgrey',
};
const LEVEL_OPTIONS = LOG_LEVELS.map((l) => ({ value: l, label: l ? l[0].toUpperCase() + l.slice(1) : 'All levels' }));

interface FilterProps {
  level: string;
  onLevel: (level: string) => void;
  search: string;
  onSearch: (search: string) => void;
}

/** Level filter and line search; the search reaches the query (and the URL) once typing pauses. */
export function LogFilters({ level, onLevel, search, onSearch }: FilterProps) {
  const [text, setText] = useState(search);
  const settled = useDebounced(text, 400);
  useEffect(() => {
    if (settled !== search) {
      onSearch(settled);
    }
    // Only a settled edit is pushed; a URL change from elsewhere must not be echoed back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  return (
    <Stack gap={1} alignItems="center" wrap="wrap">
      <RadioButtonGroup aria-label="Log level" size="sm" options={LEVEL_OPTIONS} value={level} onChange={onLevel} />
      <FilterInput
        aria-label="Search log lines"
        placeholder="Search log lines"
        value={text}
        onChange={setText}
        width={32}
      />
    </Stack>
  );
}

/** The asset's log lines (newest first, paged), level badges, clickable trace ids, labels on expand. */
export const AssetLogs = memo(function AssetLogs({
  lines,
  timeZone,
  pageSize = 25,
}: {
  lines: CascadeLogLine[];
  timeZone: TimeZone;
  pageSize?: number;
}) {
  const styles = useStyles2(getStyles);
  const columns = useMemo<Array<Column<CascadeLogLine>>>(
    () => [
      {
        id: 'timestamp',
        header: 'Time',
        sortType: 'number',
        disableGrow: true,
        cell: ({ row }: Cell) => <span className={styles.nowrap}>{formatTime(row.original.timestamp, timeZone)}</span>,
      },
      {
        id: 'severity',
        header: 'Level',
        disableGrow: true,
        cell: ({ row }: Cell) => {
          const level = normalizeLevel(row.original.severity);
          return <Badge color={LEVEL_COLOR[level]} text={row.original.severity ?? level} />;
        },
      },
      {
        id: 'body',
        header: 'Message',
        cell: ({ row }: Cell) => <span className={styles.body}>{logSummary(row.original.body)}</span>,
      },
      {
        id: 'traceId',
        header: 'Trace',
        disableGrow: true,
        cell: ({ row }: Cell) => (row.original.traceId ? <TraceLink traceId={row.original.traceId} /> : '–'),
      },
    ],
    [styles, timeZone]
  );
  return (
    <InteractiveTable
      columns={columns}
      data={lines}
      getRowId={(l: CascadeLogLine) => l.id}
      pageSize={pageSize}
      renderExpandedRow={(l: CascadeLogLine) => (
        <div className={styles.expanded}>
          <pre className={styles.pre}>{prettyLogBody(l.body)}</pre>
          <dl className={styles.labels}>
            {Object.entries({
              ...l.labels,
              ...(l.traceId ? { trace_id: l.traceId } : {}),
              ...(l.spanId ? { span_id: l.spanId } : {}),
            }).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    />
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  nowrap: css({
    whiteSpace: 'nowrap',
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  body: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    wordBreak: 'break-word',
  }),
  expanded: css({ padding: theme.spacing(1, 2) }),
  pre: css({ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: theme.spacing(0, 0, 1, 0) }),
  labels: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 2),
    margin: 0,
    fontSize: theme.typography.bodySmall.fontSize,
    div: { display: 'flex', gap: theme.spacing(0.5) },
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0, fontFamily: theme.typography.fontFamilyMonospace },
  }),
});
