/**
 * `npm start` as a user runs it (through npm, the real script in package.json): `--help` answers
 * before any build, every stop signal sent to npm alone leaves no port taken and no Prometheus
 * behind, and an unreachable backend URL is said in the terminal. `--no-build` serves dist/ as it
 * is, so the test never rebuilds what other tests read.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import net from 'net';
import path from 'path';
import { freePort } from '../../demo/src/prometheus';
import { parseCli } from '../../demo/src/cli';
import { incidentKnobsFromArgs, parseStartArgs } from '../../sandbox/server/startArgs';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '..', '..');

interface Started {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function npmStart(args: string[]): Started {
  const child = spawn('npm', ['start', '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, exited };
}

async function waitFor(started: Started, pattern: RegExp, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(started.out())) {
    if (started.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`npm start never printed ${pattern}:\n${started.out()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** True when something accepts connections on the loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Every process below `pid` (node, Prometheus, tsx's esbuild service, a build's webpack …). */
function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const out: number[] = [];
  for (let frontier = [pid]; frontier.length > 0;) {
    const children = rows.filter(([, ppid]) => frontier.includes(ppid)).map(([child]) => child);
    out.push(...children);
    frontier = children;
  }
  return out;
}

/** Running (a zombie waiting for its reaper has already exited). */
const alive = (pid: number) => {
  try {
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .startsWith('Z');
  } catch {
    return false; // ps exits 1 when there is no such process
  }
};

/** Command lines of the processes still running that mention the port. */
function processesWith(port: number): string[] {
  const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return ps.split('\n').filter((l) => l.includes(`:${port}`) || l.includes(`--port ${port}`));
}

it('`npm start -- --help` prints the flags without building first', () => {
  const t0 = performance.now();
  const out = execFileSync('npm', ['start', '--', '--help'], { cwd: ROOT, encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  expect(out).toMatch(/--no-history/);
  expect(out).toMatch(/--chain-failure a\[:since_s\]/);
  expect(out).toMatch(/--late-asset a\[:hold_s\]/);
  expect(out).toMatch(/SIGTERM/);
  expect(out).not.toMatch(/webpack|built in/);
  // Before: `npm run build && npm run build:sandbox` ran first (~28 s). Now only npm + tsx start up.
  expect(seconds).toBeLessThan(15);
});

describe.each(['SIGTERM', 'SIGHUP', 'SIGINT'] as const)('%s to npm alone', (signal) => {
  it('stops the host, Prometheus, the demo and the stand-ins: every port is free again', async () => {
    const names = ['port', 'prometheus-port', 'demo-port', 'loki-port', 'jaeger-port'];
    const ports = await Promise.all(names.map(() => freePort()));
    const started = npmStart(['--no-build', '--no-history', ...names.flatMap((n, i) => [`--${n}`, String(ports[i])])]);
    try {
      await waitFor(started, /Cascade is running at/);
      for (const port of ports) {
        expect({ port, listening: await listening(port) }).toEqual({ port, listening: true });
      }
      const tree = descendants(started.child.pid!);
      expect(tree.length).toBeGreaterThanOrEqual(2);
      // Only npm gets the signal (as with `kill <pid>`), not its process group.
      started.child.kill(signal);
      await Promise.race([started.exited, new Promise((r) => setTimeout(r, 30_000).unref())]);
      const deadline = Date.now() + 20_000;
      const stillUp = async () => (await Promise.all(ports.map(listening))).some(Boolean);
      while ((await stillUp()) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
      }
      for (const port of ports) {
        expect({ port, listening: await listening(port) }).toEqual({ port, listening: false });
      }
      expect(processesWith(ports[1])).toEqual([]);
      // Nothing npm started is left: the node process, Prometheus, the esbuild service.
      for (const end = Date.now() + 10_000; tree.some(alive) && Date.now() < end;) {
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(tree.filter(alive)).toEqual([]);
    } finally {
      started.child.kill('SIGKILL');
    }
  });
});

it('warns in the terminal when a given backend URL is unreachable', async () => {
  const closed = await freePort();
  const port = await freePort();
  const started = npmStart([
    '--no-build',
    '--no-history',
    '--port',
    String(port),
    '--loki-url',
    `http://127.0.0.1:${closed}`,
    // Port 9: a port fetch() refuses as "bad"; the proxy (node:http) tries it, so the probe must too.
    '--jaeger-url',
    'http://127.0.0.1:9',
  ]);
  try {
    await waitFor(started, /Cascade is running at/);
    expect(started.out()).toContain(`warning: Loki at http://127.0.0.1:${closed} is unreachable (ECONNREFUSED)`);
    expect(started.out()).toContain('warning: Jaeger at http://127.0.0.1:9 is unreachable (ECONNREFUSED)');
    // The reachable local backend is not warned about.
    expect(started.out()).not.toMatch(/warning: Prometheus/);
  } finally {
    started.child.kill('SIGTERM');
    await started.exited;
  }
});

describe('the incident knobs (the demo CLI parser, the sandbox pipeline asset names)', () => {
  it('passes --chain-failure, --volume-drop and --late-asset as the demo CLI spells them', () => {
    const args = parseStartArgs([
      '--chain-failure',
      'stg_glucose_entries:7200',
      '--volume-drop=fct_glucose_readings:0.1',
      '--late-asset',
      'mrt_glucose_readings',
      '--no-history',
    ]);
    expect(incidentKnobsFromArgs(args)).toEqual({
      chainFailure: { asset: 'stg_glucose_entries', sinceSeconds: 7200 },
      volumeDrop: { asset: 'fct_glucose_readings', factor: 0.1 },
      lateAsset: { asset: 'mrt_glucose_readings', holdSeconds: undefined },
    });
    // The same values through the demo CLI give the same scenario.
    const demo = parseCli([
      '--chain-failure',
      'stg_glucose_entries:7200',
      '--volume-drop',
      'fct_glucose_readings:0.1',
      '--late-asset',
      'mrt_glucose_readings',
    ]);
    expect(incidentKnobsFromArgs(args)).toEqual({
      chainFailure: demo.chainFailure,
      volumeDrop: demo.volumeDrop,
      lateAsset: demo.lateAsset,
    });
    expect(incidentKnobsFromArgs(parseStartArgs(['--seed', '3']))).toEqual({});
  });

  it.each([
    [
      ['--volume-drop', 'fct_glucose_readings'],
      '--volume-drop: expected asset:factor (0..1), got "fct_glucose_readings"',
    ],
    [['--volume-drop', 'fct_glucose_readings:1.5'], '--volume-drop: expected asset:factor (0..1)'],
    [['--chain-failure', 'stg_glucose_entries:-5'], '--chain-failure: expected asset:seconds'],
    [['--late-asset', 'mrt_glucose_readings:soon'], '--late-asset: expected asset:seconds'],
    [['--chain-failure', '--no-history'], 'option --chain-failure needs a value'],
    [['--chain-failure', 'nope'], '--chain-failure: unknown asset "nope"'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => incidentKnobsFromArgs(parseStartArgs(argv))).toThrow(message);
  });

  it('`npm start -- --chain-failure nope` stops at once with the reason and the usage, before any build', () => {
    let out = '';
    let code = 0;
    try {
      execFileSync('npm', ['start', '--', '--chain-failure', 'nope'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { status: number; stderr: string; stdout: string };
      code = err.status;
      out = err.stderr + err.stdout;
    }
    expect(code).toBe(2);
    expect(out).toMatch(/--chain-failure: unknown asset "nope"/);
    expect(out).toMatch(/--volume-drop a:factor/);
    expect(out).not.toMatch(/webpack|built in/);
  });
});

it('`npm start -- --chain-failure stg_glucose_entries:7200 --volume-drop …` runs the stack on that scenario', async () => {
  const port = await freePort();
  const started = npmStart([
    '--no-build',
    '--no-history',
    '--port',
    String(port),
    '--chain-failure',
    'stg_glucose_entries:7200',
    '--volume-drop',
    'fct_glucose_readings:0.25',
    '--late-asset',
    'publish_to_postgres:600',
  ]);
  try {
    await waitFor(started, /Cascade is running at/);
    const demo = await (await fetch(`http://127.0.0.1:${port}/sandbox/api/demo/state`)).json();
    expect(demo.scenario).toMatchObject({
      chainFailure: { asset: 'stg_glucose_entries', sinceSeconds: 7200 },
      volumeDrop: { asset: 'fct_glucose_readings', factor: 0.25 },
      lateAsset: { asset: 'publish_to_postgres', holdSeconds: 600 },
      // The rest of the sandbox scenario stays.
      staleAsset: 'mrt_glucose_readings',
    });
    // The chain's root failed its warm-up runs; its downstream waited (no run).
    expect(demo.state.stg_glucose_entries.failures).toBeGreaterThan(0);
    expect(demo.state.fct_glucose_readings.runs).toBe(0);
  } finally {
    started.child.kill('SIGTERM');
    await started.exited;
  }
});
