/**
 * `npm start`'s flag parsing, apart from start.ts (which starts the stack when imported) so tests can
 * call it. The incident knobs reuse the demo CLI's parser: same spelling, meaning and validation.
 */
import { defaultAssets } from '../../demo/src/assets';
import { IncidentKnobFlag, parseIncidentKnobs } from '../../demo/src/cli';
import { DemoOptions } from '../../demo/src/types';

/** `--name value`, `--name=value` and bare `--flag` (→ 'true') into a record keyed by name. */
export function parseStartArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      continue;
    }
    const eq = a.indexOf('=');
    if (eq !== -1) {
      out[a.slice(2, eq)] = a.slice(eq + 1);
    } else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) {
      out[a.slice(2)] = argv[++i];
    } else {
      out[a.slice(2)] = 'true';
    }
  }
  return out;
}

const KNOB_FLAGS: IncidentKnobFlag[] = ['--chain-failure', '--volume-drop', '--late-asset'];

/**
 * The incident knobs of `npm start` (`--chain-failure a[:since_s]`, `--volume-drop a:factor`,
 * `--late-asset a[:hold_s]`) as scenario options. Throws, naming the flag, on a missing value, a bad
 * number or an asset the sandbox's pipeline does not have (before anything is built or started).
 */
export function incidentKnobsFromArgs(
  args: Record<string, string>
): Pick<DemoOptions, 'chainFailure' | 'volumeDrop' | 'lateAsset'> {
  const values: Partial<Record<IncidentKnobFlag, string>> = {};
  for (const flag of KNOB_FLAGS) {
    const raw = args[flag.slice(2)];
    if (raw === 'true' || raw === '') {
      throw new Error(`option ${flag} needs a value`);
    }
    if (raw !== undefined) {
      values[flag] = raw;
    }
  }
  const knobs = parseIncidentKnobs(values);
  const names = defaultAssets().map((a) => a.name);
  for (const [flag, knob] of [
    ['--chain-failure', knobs.chainFailure],
    ['--volume-drop', knobs.volumeDrop],
    ['--late-asset', knobs.lateAsset],
  ] as const) {
    if (knob && !names.includes(knob.asset)) {
      throw new Error(`${flag}: unknown asset "${knob.asset}" (the sandbox's assets: ${names.join(', ')})`);
    }
  }
  // Only the knobs given: an undefined key would override nothing, but keeps the options readable.
  return Object.fromEntries(Object.entries(knobs).filter(([, v]) => v !== undefined));
}
