import { parseCli } from './cli';

test('defaults and flags', () => {
  const d = parseCli([]);
  expect(d).toMatchObject({ host: '127.0.0.1', port: 9464, lokiPort: 3100, jaegerPort: 16686, standins: true });
  expect(d.assets).toHaveLength(5);
  const o = parseCli([
    '--assets',
    '50',
    '--seed=3',
    '--validation-dip',
    'a:b:90.5',
    '--no-standins',
    '--failure-rate',
    '0.1',
  ]);
  expect(o.assets).toHaveLength(50);
  expect(o).toMatchObject({
    seed: 3,
    validationDip: { asset: 'a', check: 'b', passRate: 90.5 },
    standins: false,
    failureRate: 0.1,
  });
});

test('env equivalents, flags win, bad input throws', () => {
  expect(parseCli(['--port', '1'], { DEMO_PORT: '2', DEMO_SEED: '9', DEMO_NO_STANDINS: '1' })).toMatchObject({
    port: 1,
    seed: 9,
    standins: false,
  });
  expect(() => parseCli(['--failure-rate', '2'])).toThrow(/failure-rate/);
  expect(() => parseCli(['--bogus'])).toThrow(/unknown option/);
  expect(() => parseCli(['--validation-dip', 'x'])).toThrow(/asset:check:rate/);
});

test('--traces picks the trace stand-in (Jaeger by default, or Tempo on its port)', () => {
  expect(parseCli([])).toMatchObject({ traces: 'jaeger', tempoPort: 3200 });
  expect(parseCli(['--traces', 'tempo', '--tempo-port=0'])).toMatchObject({ traces: 'tempo', tempoPort: 0 });
  expect(parseCli([], { DEMO_TRACES: 'tempo' }).traces).toBe('tempo');
  expect(() => parseCli(['--traces', 'zipkin'])).toThrow('--traces: expected jaeger or tempo, got "zipkin"');
});
