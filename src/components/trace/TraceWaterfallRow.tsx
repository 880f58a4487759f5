import { memo, MouseEvent } from 'react';
import { cx } from '@emotion/css';
import { normalizeLevel } from '../../views/assetPage';
import { CriticalSection } from '../../trace/criticalPath';
import { logSummary, prettyLogBody } from '../../views/logLine';
import { formatMs, formatOffset, WaterfallRow } from '../../trace/traceTreeRows';
import { TraceTree } from '../../trace/traceTree';
import { testIds } from '../../testIds';
import { ROW_HEIGHT_PX, WaterfallStyles } from './waterfallStyles';

export const ROW_HEIGHT = ROW_HEIGHT_PX;
const INDENT = 14;

interface Props {
  row: WaterfallRow;
  index: number;
  top: number;
  tree: TraceTree;
  path?: CriticalSection[];
  collapsed: boolean;
  active: boolean;
  selected: boolean;
  /** A selected log row opens inline to its whole line, `height` px tall. */
  expanded?: boolean;
  height?: number;
  styles: WaterfallStyles;
  onActivate: (index: number) => void;
  onToggle: (span: number) => void;
}

const pct = (v: number) => `${Math.max(0, Math.min(100, v * 100))}%`;

/**
 * One waterfall row (span or log line); memoised so scrolling only renders rows entering the window.
 * Markers are plain styled spans, not @grafana/ui Icons: a fling mounts ~20 rows per frame and an
 * Icon (inline SVG parsed per instance) costs more than the rest of the row.
 */
export const TraceWaterfallRow = memo(function TraceWaterfallRow({
  row,
  index,
  top,
  tree,
  path,
  collapsed,
  active,
  selected,
  expanded = false,
  height = ROW_HEIGHT,
  styles,
  onActivate,
  onToggle,
}: Props) {
  const total = Math.max(tree.end - tree.start, 1e-9);
  const common = {
    role: 'row',
    tabIndex: active ? 0 : -1,
    'data-row-index': index,
    'aria-rowindex': index + 1,
    'aria-selected': selected,
    className: cx(styles.row, selected && styles.selectedRow),
    style: { transform: `translateY(${top}px)`, height },
    onClick: () => onActivate(index),
  };

  if (row.kind === 'log') {
    const level = normalizeLevel(row.line.severity);
    const depth = row.depth;
    const offset = row.span < 0 && tree.spans.length === 0 ? undefined : row.line.timestamp - tree.start;
    return (
      <div
        {...common}
        className={cx(common.className, expanded && styles.expandedRow)}
        aria-level={depth + 1}
        aria-expanded={expanded}
        data-testid={testIds.trace.log}
      >
        <div
          role="gridcell"
          className={cx(styles.nameCell, styles.logText)}
          style={{ paddingLeft: depth * INDENT + 22 }}
        >
          <span className={cx(styles.levelDot, styles.levelBg[level])} role="img" aria-label={`log ${level}`} />
          <span className={styles.logTime}>{offset === undefined ? '' : formatOffset(offset)}</span>
          <span className={cx(styles.logBody, styles.level[level])} title={row.line.body}>
            {logSummary(row.line.body)}
          </span>
        </div>
        <div role="gridcell" className={cx(styles.timelineCell, styles.logTimeline)}>
          {offset !== undefined && (
            <span
              className={cx(styles.logMark, styles.levelBg[level])}
              style={{ left: pct(offset / total) }}
              aria-hidden
            />
          )}
        </div>
        {expanded && (
          // Selecting text in the open line must not close it.
          <pre className={styles.logFull} onClick={(e) => e.stopPropagation()} data-testid={testIds.trace.logFull}>
            {prettyLogBody(row.line.body)}
          </pre>
        )}
      </div>
    );
  }

  const d = row.span;
  const s = tree.spans[d];
  const hasChildren = tree.childCount[d] > 0;
  const error = tree.error[d] === 1;
  const toggle = (e: MouseEvent) => {
    e.stopPropagation();
    onToggle(d);
  };
  return (
    <div
      {...common}
      aria-level={tree.depth[d] + 1}
      aria-expanded={hasChildren ? !collapsed : undefined}
      aria-label={`${s.serviceName} ${s.operationName}, ${formatMs(s.duration)}${error ? ', error' : ''}`}
      data-testid={testIds.trace.span(s.spanID)}
    >
      <div
        role="gridcell"
        className={cx(styles.nameCell, row.context && styles.context)}
        style={{ paddingLeft: tree.depth[d] * INDENT }}
      >
        {hasChildren ? (
          <button
            type="button"
            className={styles.toggle}
            onClick={toggle}
            tabIndex={-1}
            aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${s.operationName}`}
            data-testid={testIds.trace.toggle(s.spanID)}
          >
            <span aria-hidden>{collapsed ? '▸' : '▾'}</span>
            {collapsed && <span className={styles.hiddenCount}>{tree.subtreeEnd[d] - d - 1}</span>}
          </button>
        ) : (
          <span className={styles.toggleSpacer} />
        )}
        {error && <span className={styles.errorDot} role="img" aria-label="error" />}
        <span className={styles.service}>{s.serviceName}</span>
        <span className={styles.operation} title={s.operationName}>
          {s.operationName}
        </span>
      </div>
      <div role="gridcell" className={cx(styles.timelineCell, row.context && styles.context)}>
        <span
          className={cx(styles.bar, error && styles.errorBar)}
          style={{ left: pct((s.startTime - tree.start) / total), width: `max(2px, ${pct(s.duration / total)})` }}
        />
        {path?.map((c) => (
          <span
            key={c.start}
            className={styles.critical}
            style={{ left: pct((c.start - tree.start) / total), width: pct((c.end - c.start) / total) }}
          />
        ))}
        {/* The timeline cell keeps a right margin for this label, so it always fits after the bar. */}
        <span
          className={styles.duration}
          style={{ left: `calc(${pct((s.startTime + s.duration - tree.start) / total)} + 4px)` }}
        >
          {formatMs(s.duration)}
        </span>
      </div>
    </div>
  );
});
