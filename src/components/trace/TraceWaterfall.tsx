import { KeyboardEvent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useStyles2 } from '@grafana/ui';
import { formatMs, slotOrder, timeTicks } from '../../trace/traceTreeRows';
import { testIds } from '../../testIds';
import { ROW_HEIGHT, TraceWaterfallRow } from './TraceWaterfallRow';
import { TraceModel } from './useTraceModel';
import { TraceView } from './useTraceView';
import { expandedLogHeight, getWaterfallStyles } from './waterfallStyles';
import { prettyLogBody } from '../../views/logLine';

interface Props {
  model: TraceModel;
  view: TraceView;
}

/**
 * The span waterfall as an ARIA tree grid: only the rows in view are in the DOM (virtualized), so
 * 50,000 spans render as fast as 50, and scrolling reuses their DOM nodes. Arrow keys move between
 * rows (Right/Left expand, collapse or go to the parent), Enter opens the details pane.
 */
export function TraceWaterfall({ model, view }: Props) {
  const styles = useStyles2(getWaterfallStyles);
  const { tree, pathBySpan } = model;
  const { rows } = view;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeState, setActive] = useState(0);
  const active = Math.min(activeState, Math.max(0, rows.length - 1));
  const focusPending = useRef(false);
  const selectedIndex = useMemo(() => {
    const sel = view.selection;
    if (!sel) {
      return -1;
    }
    return rows.findIndex((r) =>
      sel.kind === 'span' ? r.kind === 'span' && r.span === sel.span : r.kind === 'log' && r.line.id === sel.row.line.id
    );
  }, [rows, view.selection]);

  // The selected log line opens inline: its row grows to show the whole line.
  const expandedIndex = selectedIndex >= 0 && rows[selectedIndex]?.kind === 'log' ? selectedIndex : -1;
  const expandedHeight = useMemo(() => {
    const row = expandedIndex >= 0 ? rows[expandedIndex] : undefined;
    return row?.kind === 'log' ? expandedLogHeight(prettyLogBody(row.line.body).split('\n').length) : ROW_HEIGHT;
  }, [rows, expandedIndex]);
  // We do not use the React Compiler; the virtualizer's functions are only called during this render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (index === expandedIndex ? expandedHeight : ROW_HEIGHT),
    overscan: 12,
  });
  // Sizes are cached per index: re-read them when the open line changes.
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, expandedIndex, expandedHeight]);
  const items = virtualizer.getVirtualItems();
  const ticks = useMemo(() => timeTicks(tree.end - tree.start), [tree]);
  const total = Math.max(tree.end - tree.start, 1e-9);

  // Row handlers stay stable (rows are memoised) and read the latest rows and view from a ref.
  const latest = useRef({ rows, view });
  useLayoutEffect(() => {
    latest.current = { rows, view };
  });
  const open = useCallback((index: number) => {
    const { rows: current, view: v } = latest.current;
    const row = current[index];
    if (row?.kind === 'span') {
      v.selectSpan(row.span);
    } else if (row) {
      // A second click on the open line closes it.
      const open = v.selection?.kind === 'log' && v.selection.row.line.id === row.line.id;
      v.selectLog(open ? undefined : row);
    }
  }, []);
  const activate = useCallback(
    (index: number) => {
      setActive(index);
      open(index);
    },
    [open]
  );
  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    focusPending.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  // Move DOM focus to the active row once it is rendered (after a keyboard move). Row nodes are
  // recycled while scrolling, so a focused node that now shows another row hands focus back too.
  useEffect(() => {
    const focused = document.activeElement;
    const stale =
      focused instanceof HTMLElement &&
      focused.getAttribute('role') === 'row' &&
      focused.dataset.rowIndex !== String(active);
    if (focusPending.current || (stale && scrollRef.current?.contains(focused))) {
      const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${active}"]`);
      if (el) {
        el.focus({ preventScroll: !focusPending.current });
        focusPending.current = false;
      } else if (stale) {
        focused.blur();
      }
    }
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[active];
    const span = row?.kind === 'span' ? row.span : undefined;
    const expandable = span !== undefined && tree.childCount[span] > 0;
    const handlers: Record<string, () => void> = {
      ArrowDown: () => moveTo(active + 1),
      ArrowUp: () => moveTo(active - 1),
      PageDown: () => moveTo(active + 15),
      PageUp: () => moveTo(active - 15),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      ArrowRight: () =>
        expandable && view.collapsed.has(span!) ? view.setCollapsed(span!, false) : moveTo(active + 1),
      ArrowLeft: () => {
        if (expandable && !view.collapsed.has(span!)) {
          view.setCollapsed(span!, true);
          return;
        }
        const parent = span !== undefined ? tree.parent[span] : row?.kind === 'log' ? row.span : -1;
        const at = parent >= 0 ? rows.findIndex((r) => r.kind === 'span' && r.span === parent) : -1;
        if (at >= 0) {
          moveTo(at);
        }
      },
      Enter: () => open(active),
      ' ': () => open(active),
    };
    if (handlers[e.key]) {
      e.preventDefault();
      handlers[e.key]();
    }
  };

  // Keep one row reachable with Tab even when the active one has scrolled out of the DOM.
  const tabbable = items.some((i) => i.index === active) ? active : (items[0]?.index ?? -1);

  return (
    <div className={styles.grid}>
      <div className={styles.header} aria-hidden>
        <div className={styles.headerName}>
          {tree.spans.length} spans · {formatMs(tree.end - tree.start)}
        </div>
        <div className={styles.axis}>
          {ticks.map((t) => (
            <span key={t} className={styles.tick} style={{ left: `${(t / total) * 100}%` }}>
              {formatMs(t)}
            </span>
          ))}
        </div>
      </div>
      <div
        ref={scrollRef}
        className={styles.scroll}
        role="treegrid"
        aria-label="Span waterfall"
        aria-rowcount={rows.length}
        onKeyDown={onKeyDown}
        data-testid={testIds.trace.waterfall}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {/* Keyed by slot: scrolling rewrites rows in place (see slotOrder). */}
          {slotOrder(items).map((item) => {
            const row = rows[item.index];
            return (
              <TraceWaterfallRow
                key={item.index % items.length}
                row={row}
                index={item.index}
                top={item.start}
                tree={tree}
                path={row.kind === 'span' ? pathBySpan.get(row.span) : undefined}
                collapsed={row.kind === 'span' && view.collapsed.has(row.span)}
                active={item.index === tabbable}
                selected={item.index === selectedIndex}
                expanded={item.index === expandedIndex}
                height={item.size}
                styles={styles}
                onActivate={activate}
                onToggle={view.toggle}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
