import { DataQueryError } from '@grafana/data';
import { Alert, Stack } from '@grafana/ui';
import { testIds } from '../../testIds';
import { errorsBySource, SOURCE_NAMES } from '../../views/sourceErrors';

interface Props {
  errors: DataQueryError[];
}

/**
 * One alert per failing source, naming it ("Loki unavailable"), above the page's sections. The other
 * sources' sections keep rendering: one failing backend never blanks a page.
 */
export function SourceStatus({ errors }: Props) {
  const groups = errorsBySource(errors);
  if (!groups.length) {
    return null;
  }
  return (
    <Stack direction="column" gap={1}>
      {groups.map(({ source, messages }) => (
        <Alert
          key={source}
          severity={source === 'cascade' ? 'error' : 'warning'}
          title={
            source === 'cascade'
              ? 'Cascade query failed'
              : `${SOURCE_NAMES[source]} unavailable: sections using it show no data`
          }
          data-testid={testIds.sourceError(source)}
          bottomSpacing={0}
        >
          {messages.map((m) => (
            <div key={m}>{m}</div>
          ))}
        </Alert>
      ))}
    </Stack>
  );
}
