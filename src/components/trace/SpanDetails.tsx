import { ReactNode, useId } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, TraceKeyValuePair } from '@grafana/data';
import { Badge, IconButton, Stack, useStyles2 } from '@grafana/ui';
import { CascadeLogLine } from '../../model';
import { normalizeLevel } from '../../views/assetPage';
import { CriticalSection } from '../../trace/criticalPath';
import { AttachedLogs, logsOf } from '../../trace/traceLogs';
import { logSummary } from '../../views/logLine';
import { formatMs, formatOffset } from '../../trace/traceTreeRows';
import { TraceTree } from '../../trace/traceTree';
import { testIds } from '../../testIds';
import { AssetLink } from '../common/AssetLink';
import { TraceSelection } from './useTraceView';

interface Props {
  tree: TraceTree;
  logs: AttachedLogs;
  pathBySpan: Map<number, CriticalSection[]>;
  selection: TraceSelection;
  /** Span tag naming the asset (the data source's jaegerAssetTag). */
  assetTag?: string;
  onSelectSpan: (span: number) => void;
  onClose: () => void;
}

const value = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Attributes, resource, events, Loki lines and links of the selected span (or one log line). */
export function SpanDetails({
  tree,
  logs,
  pathBySpan,
  selection,
  assetTag = 'asset_name',
  onSelectSpan,
  onClose,
}: Props) {
  const styles = useStyles2(getStyles);
  const titleId = useId();
  const close = <IconButton name="times" tooltip="Close details" onClick={onClose} />;

  if (selection.kind === 'log') {
    const { line, span, how } = selection.row;
    return (
      <section className={styles.panel} aria-labelledby={titleId} data-testid={testIds.trace.details}>
        <Stack justifyContent="space-between">
          <h3 id={titleId} className={styles.title}>
            Log line
          </h3>
          {close}
        </Stack>
        <pre className={styles.body}>{line.body}</pre>
        <dl className={styles.dl}>
          <dt>Time</dt>
          <dd>{new Date(line.timestamp).toISOString()}</dd>
          <dt>Level</dt>
          <dd>{line.severity ?? '–'}</dd>
          <dt>Span</dt>
          <dd>
            {span >= 0 ? (
              <button type="button" className={styles.linkButton} onClick={() => onSelectSpan(span)}>
                {tree.spans[span].operationName}
              </button>
            ) : (
              'outside every span'
            )}
            {how && <span className={styles.muted}> ({how === 'spanId' ? 'by span id' : 'by time'})</span>}
          </dd>
        </dl>
        <KeyValues title="Labels" items={Object.entries(line.labels).map(([key, v]) => ({ key, value: v }))} />
      </section>
    );
  }

  const d = selection.span;
  const s = tree.spans[d];
  const error = tree.error[d] === 1;
  const path = pathBySpan.get(d) ?? [];
  const onPath = path.reduce((sum, c) => sum + c.end - c.start, 0);
  const lines = logsOf(logs, d);
  const asset = s.tags?.find((t) => t.key === assetTag)?.value;
  const parent = tree.parent[d];
  return (
    <section className={styles.panel} aria-labelledby={titleId} data-testid={testIds.trace.details}>
      <Stack justifyContent="space-between" alignItems="flex-start">
        <h3 id={titleId} className={styles.title}>
          {s.operationName}
        </h3>
        {close}
      </Stack>
      <Stack gap={1} wrap="wrap" alignItems="center">
        <span className={styles.muted}>{s.serviceName}</span>
        {error ? (
          <Badge color="red" icon="exclamation-circle" text={s.statusMessage ? `error: ${s.statusMessage}` : 'error'} />
        ) : (
          <Badge color="green" text="ok" />
        )}
        {onPath >= 0.001 && (
          <Badge
            color="purple"
            text={`critical path ${formatMs(onPath)}`}
            tooltip="This span's own time on the trace's critical path (time its children cover is theirs)"
          />
        )}
      </Stack>
      <dl className={styles.dl}>
        <dt>Duration</dt>
        <dd>{formatMs(s.duration)}</dd>
        <dt>Start</dt>
        <dd>{formatOffset(s.startTime - tree.start)}</dd>
        {s.kind && (
          <>
            <dt>Kind</dt>
            <dd>{s.kind}</dd>
          </>
        )}
        <dt>Span ID</dt>
        <dd className={styles.mono}>{s.spanID}</dd>
        <dt>Parent</dt>
        <dd>
          {parent >= 0 ? (
            <button type="button" className={styles.linkButton} onClick={() => onSelectSpan(parent)}>
              {tree.spans[parent].operationName}
            </button>
          ) : (
            'root'
          )}
          {tree.followsFrom[d] === 1 && <span className={styles.muted}> (follows from)</span>}
        </dd>
        {typeof asset === 'string' && asset && (
          <>
            <dt>Asset</dt>
            <dd>
              <AssetLink asset={asset} />
            </dd>
          </>
        )}
      </dl>
      <KeyValues title="Attributes" items={s.tags ?? []} />
      <KeyValues title="Resource" items={s.serviceTags ?? []} />
      <Block title={`Events (${s.logs?.length ?? 0})`}>
        {(s.logs ?? []).map((ev, k) => (
          <div key={k} className={styles.event}>
            <span className={styles.muted}>{formatOffset(ev.timestamp - s.startTime)}</span> {ev.name ?? ''}
            <KeyValues items={ev.fields} />
          </div>
        ))}
      </Block>
      <Block title={`Loki logs (${lines.length})`}>
        {lines.map((l) => (
          <LogLine key={l.id} line={l} spanStart={s.startTime} />
        ))}
      </Block>
      {s.warnings && s.warnings.length > 0 && (
        <Block title="Warnings">
          {s.warnings.map((w) => (
            <div key={w}>{w}</div>
          ))}
        </Block>
      )}
      {s.stackTraces && s.stackTraces.length > 0 && (
        <Block title="Stack traces">
          {s.stackTraces.map((t, k) => (
            <pre key={k} className={styles.body}>
              {t}
            </pre>
          ))}
        </Block>
      )}
    </section>
  );
}

function LogLine({ line, spanStart }: { line: CascadeLogLine; spanStart: number }) {
  const styles = useStyles2(getStyles);
  const level = normalizeLevel(line.severity);
  return (
    <div className={styles.event}>
      <span className={styles.muted}>{formatOffset(line.timestamp - spanStart)}</span> <strong>{level}</strong>{' '}
      <span className={styles.mono}>{logSummary(line.body)}</span>
    </div>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  const styles = useStyles2(getStyles);
  return (
    <div>
      <h4 className={styles.subtitle}>{title}</h4>
      {children}
    </div>
  );
}

function KeyValues({ title, items }: { title?: string; items: TraceKeyValuePair[] }) {
  const styles = useStyles2(getStyles);
  if (!items.length) {
    return title ? (
      <Block title={title}>
        <span className={styles.muted}>none</span>
      </Block>
    ) : null;
  }
  const list = (
    <dl className={styles.dl}>
      {items.map((kv, k) => (
        <div key={`${kv.key}-${k}`} className={styles.kv}>
          <dt>{kv.key}</dt>
          <dd className={styles.mono}>{value(kv.value)}</dd>
        </div>
      ))}
    </dl>
  );
  return title ? <Block title={title}>{list}</Block> : list;
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1.5), minWidth: 0 }),
  title: css({ ...theme.typography.h4, margin: 0, wordBreak: 'break-word' }),
  subtitle: css({ ...theme.typography.h6, margin: theme.spacing(0, 0, 0.5) }),
  muted: css({ color: theme.colors.text.secondary }),
  mono: css({ fontFamily: theme.typography.fontFamilyMonospace, wordBreak: 'break-all' }),
  dl: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(90px, auto) 1fr',
    gap: theme.spacing(0.25, 1.5),
    margin: 0,
    fontSize: theme.typography.bodySmall.fontSize,
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0, minWidth: 0 },
  }),
  kv: css({ display: 'contents' }),
  event: css({
    fontSize: theme.typography.bodySmall.fontSize,
    padding: theme.spacing(0.5, 0),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  body: css({
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    margin: 0,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  linkButton: css({
    border: 'none',
    background: 'transparent',
    padding: 0,
    color: theme.colors.text.link,
    cursor: 'pointer',
    '&:hover': { textDecoration: 'underline' },
  }),
});
