import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

type Level = 'error' | 'warning' | 'info' | 'debug' | 'unknown';

/** Height of one waterfall row. */
export const ROW_HEIGHT_PX = 28;
/** Line height of an expanded log line's full text. */
export const LOG_LINE_PX = 16;
/** An expanded log line shows at most this many lines, then scrolls. */
const MAX_EXPANDED_LINES = 16;

/** Height of an expanded log row whose full text has `lines` lines. */
export const expandedLogHeight = (lines: number) =>
  ROW_HEIGHT_PX + Math.min(Math.max(lines, 1), MAX_EXPANDED_LINES) * LOG_LINE_PX + 16;

/** Styles of the waterfall and its rows, computed once per theme and shared by every row. */
export const getWaterfallStyles = (theme: GrafanaTheme2) => {
  const levelColor: Record<Level, string> = {
    error: theme.colors.error.text,
    warning: theme.colors.warning.text,
    info: theme.colors.text.secondary,
    debug: theme.colors.text.disabled,
    unknown: theme.colors.text.secondary,
  };
  const levelBg: Record<Level, string> = {
    error: theme.colors.error.main,
    warning: theme.colors.warning.main,
    info: theme.colors.text.secondary,
    debug: theme.colors.text.disabled,
    unknown: theme.colors.text.secondary,
  };
  const map = (colors: Record<Level, string>, prop: 'color' | 'background') =>
    Object.fromEntries(Object.entries(colors).map(([k, v]) => [k, css({ [prop]: v })])) as Record<Level, string>;
  return {
    grid: css({
      display: 'flex',
      flexDirection: 'column',
      border: `1px solid ${theme.colors.border.weak}`,
      borderRadius: theme.shape.radius.default,
      background: theme.colors.background.primary,
      minWidth: 0,
      flex: 1,
    }),
    header: css({
      display: 'grid',
      gridTemplateColumns: '40% 60%',
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      fontSize: theme.typography.bodySmall.fontSize,
      color: theme.colors.text.secondary,
      height: 28,
      alignItems: 'center',
    }),
    headerName: css({ padding: theme.spacing(0, 1) }),
    axis: css({ position: 'relative', height: '100%', marginRight: 72 }),
    tick: css({
      position: 'absolute',
      top: 0,
      bottom: 0,
      borderLeft: `1px solid ${theme.colors.border.weak}`,
      paddingLeft: 4,
      display: 'flex',
      alignItems: 'center',
      whiteSpace: 'nowrap',
    }),
    // Short traces take their own height; long ones scroll inside the viewport.
    scroll: css({
      position: 'relative',
      overflowY: 'auto',
      maxHeight: 'max(360px, calc(100vh - 420px))',
      outline: 'none',
    }),
    row: css({
      position: 'absolute',
      top: 0,
      left: 0,
      right: 0,
      display: 'grid',
      gridTemplateColumns: '40% 60%',
      alignItems: 'center',
      cursor: 'pointer',
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      fontSize: theme.typography.bodySmall.fontSize,
      '&:hover': { background: theme.colors.action.hover },
      '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
    }),
    selectedRow: css({ background: theme.colors.action.selected }),
    nameCell: css({
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      minWidth: 0,
      overflow: 'hidden',
      paddingRight: theme.spacing(1),
    }),
    timelineCell: css({ position: 'relative', height: '100%', marginRight: 72 }),
    // A log line's text runs across the timeline too (its cell holds only a tick): at 1024 px the
    // name column alone cut the error after ~40 characters.
    logText: css({ gridColumn: '1 / -1', gridRow: 1, zIndex: 1 }),
    logTimeline: css({ gridColumn: 2, gridRow: 1 }),
    context: css({ opacity: 0.5 }),
    toggle: css({
      display: 'inline-flex',
      alignItems: 'center',
      fontSize: 12,
      border: 'none',
      background: 'transparent',
      color: theme.colors.text.secondary,
      padding: 0,
      minWidth: 18,
      cursor: 'pointer',
    }),
    toggleSpacer: css({ display: 'inline-block', width: 18, flexShrink: 0 }),
    hiddenCount: css({ fontSize: 10, color: theme.colors.text.secondary, marginLeft: 2 }),
    service: css({ color: theme.colors.text.secondary, whiteSpace: 'nowrap' }),
    operation: css({
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
      color: theme.colors.text.primary,
    }),
    bar: css({
      position: 'absolute',
      top: 7,
      height: 14,
      borderRadius: theme.shape.radius.default,
      background: theme.colors.primary.main,
      opacity: 0.75,
    }),
    errorBar: css({ background: theme.colors.error.main }),
    critical: css({
      position: 'absolute',
      top: 12,
      height: 4,
      background: theme.colors.text.maxContrast,
      borderRadius: 1,
    }),
    duration: css({
      position: 'absolute',
      top: 6,
      color: theme.colors.text.secondary,
      whiteSpace: 'nowrap',
      fontSize: 11,
    }),
    logTime: css({ color: theme.colors.text.disabled, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }),
    logBody: css({
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
      fontFamily: theme.typography.fontFamilyMonospace,
    }),
    // An expanded log row: its summary line on top, the whole line below across both columns.
    expandedRow: css({ gridTemplateRows: `${ROW_HEIGHT_PX}px 1fr`, alignItems: 'stretch' }),
    logFull: css({
      gridColumn: '1 / -1',
      margin: theme.spacing(0, 1, 1, 4),
      padding: theme.spacing(0.5, 1),
      overflow: 'auto',
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-word',
      fontFamily: theme.typography.fontFamilyMonospace,
      fontSize: theme.typography.bodySmall.fontSize,
      lineHeight: `${LOG_LINE_PX}px`,
      background: theme.colors.background.secondary,
      borderRadius: theme.shape.radius.default,
      cursor: 'text',
    }),
    levelDot: css({ flexShrink: 0, width: 8, height: 8, borderRadius: theme.shape.radius.circle }),
    errorDot: css({
      flexShrink: 0,
      width: 10,
      height: 10,
      borderRadius: theme.shape.radius.circle,
      background: theme.colors.error.main,
    }),
    // A short tick on the row's bottom edge, under the text that now crosses the timeline.
    logMark: css({
      position: 'absolute',
      bottom: 1,
      width: 6,
      height: 4,
      marginLeft: -3,
      borderRadius: 1,
    }),
    level: map(levelColor, 'color'),
    levelBg: map(levelBg, 'background'),
  };
};

export type WaterfallStyles = ReturnType<typeof getWaterfallStyles>;
