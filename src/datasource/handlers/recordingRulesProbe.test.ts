import { firstValueFrom } from 'rxjs';
import { BackendClient } from '../../backends/client';
import { resolveMapping } from '../../model';
import { Answer, fakeBackendSrv } from '../../testing/fakes';
import { RECENT_RANGE_MS, RECORDING_RULES_TTL_MS, RecordingRulesProbe } from './recordingRulesProbe';

const m = resolveMapping(undefined);
const recorded = (windows: string[]): Answer => ({
  body: {
    status: 'success',
    data: {
      resultType: 'vector',
      result: windows.map((w) => ({
        metric: { __name__: `asset_name:asset_executions_total:increase${w}` },
        value: [1, '3'],
      })),
    },
  },
});

function setup(answers: Answer[]) {
  let now = 1_000_000;
  const backend = fakeBackendSrv(() => answers.shift() ?? recorded([]));
  const probe = new RecordingRulesProbe(new BackendClient(backend.srv, 1000), m, () => now);
  return { probe, backend, advance: (ms: number) => (now += ms), now: () => now };
}

const windows = async (probe: RecordingRulesProbe, toMs: number) => [
  ...(await firstValueFrom(probe.windows('prom', toMs))),
];

describe('RecordingRulesProbe', () => {
  it('asks once per data source instance and remembers the answer', async () => {
    const { probe, backend, now } = setup([recorded(['1h', '6h'])]);
    expect(await windows(probe, now())).toEqual(['1h', '6h']);
    expect(await windows(probe, now())).toEqual(['1h', '6h']);
    expect(backend.requests).toHaveLength(1);
    expect(backend.requests[0].url).toBe('/api/datasources/proxy/uid/prom/api/v1/query');
  });

  it('asks again after the TTL (rules loaded or removed later are noticed)', async () => {
    const { probe, backend, advance, now } = setup([recorded([]), recorded(['24h'])]);
    expect(await windows(probe, now())).toEqual([]);
    advance(RECORDING_RULES_TTL_MS + 1);
    expect(await windows(probe, now())).toEqual(['24h']);
    expect(backend.requests).toHaveLength(2);
  });

  it('does not remember a failed probe: that query reads raw series, the next asks again', async () => {
    const { probe, backend, now } = setup([{ status: 503, body: 'down' }, recorded(['1h'])]);
    expect(await windows(probe, now())).toEqual([]);
    expect(await windows(probe, now())).toEqual(['1h']);
    expect(backend.requests).toHaveLength(2);
  });

  it('reads raw series for a range that ended before the rules were seen', async () => {
    const { probe, now } = setup([recorded(['1h'])]);
    expect(await windows(probe, now() - RECENT_RANGE_MS - 1)).toEqual([]);
    expect(await windows(probe, now() - 1000)).toEqual(['1h']);
  });
});
