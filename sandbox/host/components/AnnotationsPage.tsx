/**
 * `/sandbox/annotations`: the sandbox has no dashboards, so this page does what a Grafana dashboard
 * does with its data source annotations: it reads one of the app's bundled dashboards (`?dashboard=`,
 * its path in plugin.json includes; the first by default), runs each enabled annotation through its
 * data source's annotation support over `?from=`/`?to=` (default the last 6 h; `var-<name>` sets the
 * dashboard's variables) and lists the events as a dashboard tooltip would show them.
 */
import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import { AnnotationEvent, AnnotationQuery, AppPluginMeta, GrafanaTheme2, textUtil } from '@grafana/data';
import { config, getBackendSrv, getDataSourceSrv } from '@grafana/runtime';
import { Alert, Tag, useStyles2 } from '@grafana/ui';
import { useSearchParams } from 'react-router-dom';
import { resolveRange, runAnnotation } from '../annotations';
import { hostTestIds } from '../testIds';
import { usePluginSettings } from '../usePluginSettings';
import { LoadError, Loading } from './Notices';
import { PageFrame } from './PageFrame';

interface DashboardJson {
  title: string;
  annotations?: { list?: AnnotationQuery[] };
  templating?: { list?: Array<{ type: string; name: string; current?: { value?: string } }> };
}

interface Result {
  name: string;
  events?: AnnotationEvent[];
  error?: string;
}

export function AnnotationsPage() {
  const styles = useStyles2(getStyles);
  const [search] = useSearchParams();
  const pluginId = Object.keys(config.apps ?? {})[0];
  const settings = usePluginSettings<AppPluginMeta>(pluginId);
  const [results, setResults] = useState<{ title: string; list: Result[] }>();
  const [error, setError] = useState<string>();
  const from = search.get('from') ?? 'now-6h';
  const to = search.get('to') ?? 'now';
  const wanted = search.get('dashboard');

  useEffect(() => {
    const meta = settings.meta;
    if (!meta) {
      return;
    }
    let cancelled = false;
    const files = (meta.includes ?? []).filter((i) => i.type === 'dashboard' && i.path).map((i) => i.path!);
    const file = wanted ?? files[0];
    const run = async () => {
      if (!file || !files.includes(file)) {
        throw new Error(`No bundled dashboard "${file}" (the app ships ${files.join(', ')})`);
      }
      const dash = await getBackendSrv().get<DashboardJson>(`/public/plugins/${meta.id}/${file}`);
      // The sandbox's TemplateSrv knows only var-<name> URL parameters; else the variable's saved value.
      const dsVars = (dash.templating?.list ?? []).filter((v) => v.type === 'datasource');
      const dsRef = (ref: AnnotationQuery['datasource']) => {
        const v = dsVars.find((x) => ref?.uid === `\${${x.name}}` && !search.has(`var-${x.name}`));
        return v?.current?.value ? { ...ref, uid: v.current.value } : ref;
      };
      const range = resolveRange(from, to);
      const list = await Promise.all(
        (dash.annotations?.list ?? [])
          .filter((a) => a.enable && a.datasource)
          .map(async (a): Promise<Result> => {
            try {
              const ds = await getDataSourceSrv().get(dsRef(a.datasource));
              return { name: a.name, events: await runAnnotation(ds, a, range) };
            } catch (e) {
              return { name: a.name, error: e instanceof Error ? e.message : String(e) };
            }
          })
      );
      return { title: dash.title, list };
    };
    run().then(
      (r) => !cancelled && setResults(r),
      (e: Error) => !cancelled && setError(e.message ?? String(e))
    );
    return () => {
      cancelled = true;
    };
  }, [settings.meta, wanted, from, to, search]);

  if (!pluginId) {
    return <LoadError pluginId="(none)" error="No app plugin is enabled." />;
  }
  if (settings.error || error) {
    return <LoadError pluginId={pluginId} error={(settings.error ?? error)!} />;
  }
  if (!results) {
    return <Loading text="Running the dashboard's annotations…" />;
  }
  const time = (ms?: number) => (ms === undefined ? '' : new Date(ms).toISOString().replace('.000Z', 'Z'));
  return (
    <PageFrame pageNav={{ text: 'Annotations' }} subTitle={`${results.title}: annotations from ${from} to ${to}`}>
      {results.list.length === 0 && <p className={styles.muted}>This dashboard defines no data source annotations.</p>}
      {results.list.map((r) => (
        <section key={r.name} aria-label={r.name} data-testid={hostTestIds.annotationList(r.name)}>
          <h2 className={styles.title}>
            {r.name} ({r.events ? `${r.events.length} events` : 'failed'})
          </h2>
          {r.error && <Alert severity="error" title={r.error} />}
          <ul className={styles.events}>
            {(r.events ?? []).map((e, i) => (
              <li key={i} className={styles.event} data-testid={hostTestIds.annotationEvent}>
                <span className={styles.swatch} style={{ background: e.color }} aria-hidden />
                <div>
                  <strong>{e.title}</strong>{' '}
                  <span className={styles.muted}>
                    {time(e.time)}
                    {e.isRegion ? ` → ${time(e.timeEnd)}` : ''}
                  </span>
                  {/* As Grafana's annotation tooltip: the text is sanitized HTML. */}
                  <div dangerouslySetInnerHTML={{ __html: textUtil.sanitize(e.text ?? '') }} />
                  <div className={styles.tags}>
                    {(e.tags ?? []).map((t) => (
                      <Tag key={t} name={t} />
                    ))}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </PageFrame>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  title: css({ ...theme.typography.h4 }),
  events: css({ listStyle: 'none', padding: 0, margin: 0 }),
  event: css({ display: 'flex', gap: theme.spacing(1), padding: theme.spacing(1, 0) }),
  swatch: css({ width: theme.spacing(0.5), alignSelf: 'stretch', borderRadius: theme.shape.radius.default }),
  tags: css({ display: 'flex', gap: theme.spacing(0.5), marginTop: theme.spacing(0.5) }),
  muted: css({ color: theme.colors.text.secondary }),
});
