import fc from 'fast-check';
import { AssetHealth, CascadeAlert, CascadeLogLine, TraceSummary } from '../model';
import { LINKS } from '../testing/testPipeline';
import { healthFromFrame, healthToFrame } from './healthFrame';
import { lineageEdgesFromFrame, lineageNodesFromFrame, lineageToFrames } from './lineageFrame';
import {
  alertsFromFrame,
  alertsToFrame,
  logsFromFrame,
  logsToFrame,
  tracesFromFrame,
  tracesToFrame,
} from './signalFrames';

// Names with the separators the old frames joined lists with (', ' and '; '), and other odd text.
const ODD = ['a, b', 'c; d', 'x,y;z', ', ', '; ', 'constructor', '__proto__', 'ünï"cødé\\', ''];
const name = fc.oneof(fc.constantFrom(...ODD.filter(Boolean)), fc.string({ minLength: 1 }));

const health = (asset: string, upstream: string[], reasons: string[]): AssetHealth => ({
  asset,
  status: 'failing',
  reasons,
  upstream,
  downstream: [...upstream].reverse(),
});

describe('lists in frames stay lists', () => {
  it('health: asset, reasons, upstream and downstream round-trip whatever they contain', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.array(name), fc.array(fc.string()))), (specs) => {
        const rows = specs.map(([a, up, reasons]) => health(a, up, reasons));
        const back = healthFromFrame(healthToFrame(rows, 'A', LINKS));
        expect(back.map((r) => [r.asset, r.upstream, r.downstream, r.reasons])).toEqual(
          rows.map((r) => [r.asset, r.upstream, r.downstream, r.reasons])
        );
      })
    );
  });

  it('lineage: node reasons and every edge survive names with separators', () => {
    const rows = [health('a, b', ['c; d', '__proto__'], ['late; by 5 min', 'x, y']), health('c; d', [], [])];
    const [nodes, edges] = lineageToFrames(rows, LINKS.app, 'L');
    const back = lineageNodesFromFrame(nodes);
    expect(back.find((n) => n.id === 'a, b')?.reasons).toEqual(['late; by 5 min', 'x, y']);
    expect(lineageEdgesFromFrame(edges).map((e) => [e.source, e.target])).toEqual([
      ['c; d', 'a, b'],
      ['__proto__', 'a, b'],
    ]);
  });

  it('logs, traces and alerts keep odd asset names and label records', () => {
    const labels = { asset_name: 'a, b', 'weird; key': 'v, w' };
    const line: CascadeLogLine = { timestamp: 1, tsNs: '1000000', body: 'b', id: '1', labels, asset: 'a, b' };
    expect(logsFromFrame(logsToFrame([line], 'L', LINKS))).toEqual([line]);
    const trace: TraceSummary = {
      traceID: 't',
      asset: 'c; d',
      start: 1,
      duration: 2,
      spans: 3,
      errors: 0,
      status: 'ok',
    };
    expect(tracesFromFrame(tracesToFrame([trace], 'T', LINKS))).toEqual([trace]);
    const alert: CascadeAlert = { alertname: 'A', state: 'firing', asset: 'a, b', labels };
    expect(alertsFromFrame(alertsToFrame([alert], 'A', LINKS.app))).toEqual([alert]);
  });
});
