/**
 * Property-based test (fast-check) of the TraceQL builder with hostile asset names, like the PromQL
 * and LogQL ones (queryBuilders.property.test.ts): every built query parses with Grafana's TraceQL
 * grammar (@grafana/lezer-traceql) with no error node, and — read back from the parse tree — holds
 * exactly the service condition, one asset condition selecting exactly the intended assets (no
 * near miss, nothing injected) and `| select(status)`; the URL-encoded query stays within its bound.
 * The Tempo stand-in (Tempo's semantics) then selects exactly those assets' runs.
 */
import { parser } from '@grafana/lezer-traceql';
import fc from 'fast-check';
import { hostileOrLong } from '../../../tests/integration/faults/hostileStrings';
import { recordReliability } from '../../../tests/integration/faults/report';
import { ingestOtlp } from '../../../demo/src/standins/tempo/ingest';
import { TempoStore } from '../../../demo/src/standins/tempo/store';
import { parseTraceQL } from '../../../demo/src/standins/tempo/traceql';
import { resolveMapping } from '../../model';
import { cleanValues, toWellFormed } from '../queryEscape';
import { assetTraceSearch, MAX_QUERY_URL_BYTES } from './traceql';

const m = resolveMapping(undefined);
let tried = 0;
afterAll(() => recordReliability('builders-grammar-traceql', { inputs: tried }));

/** A TraceQL string literal as the grammar reads it: only `\\` and `\"` are escapes. */
function unquote(lit: string): string {
  expect(lit.startsWith('"') && lit.endsWith('"')).toBe(true);
  return lit.slice(1, -1).replace(/\\([\\"])/g, '$1');
}

interface Condition {
  field: string;
  op: string;
  value: string;
}

/** Error nodes, conditions and select arguments of a built query, read from the grammar's tree. */
function readBack(q: string): { errors: number; conditions: Condition[]; select: string[] } {
  let errors = 0;
  const conditions: Condition[] = [];
  const select: string[] = [];
  parser.parse(q).iterate({
    enter: (n) => {
      if (n.type.isError) {
        errors++;
      }
      const text = (x: { from: number; to: number } | null) => (x ? q.slice(x.from, x.to) : '?');
      if (n.name === 'FieldExpression') {
        const kids = [];
        for (let c = n.node.firstChild; c; c = c.nextSibling) {
          kids.push(c);
        }
        if (kids.length === 3 && kids[1].name === 'FieldOp') {
          const lit = kids[2].firstChild?.firstChild;
          conditions.push({
            field: text(kids[0]),
            op: text(kids[1]),
            value: lit?.name === 'String' ? unquote(text(lit)) : `<${lit?.name}>`,
          });
        }
      }
      if (n.name === 'SelectArgs' && n.node.parent?.name === 'SelectOperation') {
        select.push(text(n.node));
      }
    },
  });
  return { errors, conditions, select };
}

/** An anchored RE2 pattern of the builder as a JS regex (RE2's \x{…} is JS's \u{…}). */
const asRegex = (re2: string) => new RegExp(re2.replace(/(?<!\\)((?:\\\\)*)\\x\{/g, '$1\\u{'), 'su');

const assetsArb = fc.array(hostileOrLong({ maxLength: 16, longLength: 3000 }), { maxLength: 6 });

describe('TraceQL builder with hostile asset names', () => {
  it('every query parses with the TraceQL grammar and selects exactly the intended assets', () => {
    fc.assert(
      fc.property(assetsArb, fc.string({ maxLength: 8 }), (assets, probe) => {
        tried++;
        const s = assetTraceSearch(m.jaegerService, m.jaegerAssetTag, assets, 0, 60_000, 20);
        const { errors, conditions, select } = readBack(s.q);
        expect({ q: s.q, errors }).toEqual({ q: s.q, errors: 0 });
        expect(select).toEqual(['status']);
        expect(conditions[0]).toEqual({ field: 'resource.service.name', op: '=', value: m.jaegerService });
        expect(conditions).toHaveLength(2);
        const cond = conditions[1];
        expect(cond.field).toBe(`span.${m.jaegerAssetTag}`);
        const wanted = cleanValues(assets).map(toWellFormed);
        if (wanted.length === 0 || s.filterInBrowser) {
          // No asset restriction (or too long): any span carrying the attribute.
          expect(cond).toEqual({ field: `span.${m.jaegerAssetTag}`, op: '!=', value: '' });
          expect(s.filterInBrowser).toBe(wanted.length > 0);
          return;
        }
        expect(encodeURIComponent(s.q).length).toBeLessThanOrEqual(MAX_QUERY_URL_BYTES);
        if (cond.op === '=') {
          expect(wanted).toEqual([cond.value]);
          return;
        }
        expect(cond.op).toBe('=~');
        const re = asRegex(cond.value);
        for (const v of wanted) {
          expect(re.test(v)).toBe(true);
          expect(re.test(`${v}${probe}`)).toBe(wanted.includes(`${v}${probe}`));
          expect(re.test(`${probe}${v}`)).toBe(wanted.includes(`${probe}${v}`));
        }
        expect(re.test(probe)).toBe(wanted.includes(probe));
      }),
      { numRuns: 400, seed: 7101 }
    );
  });

  it('the Tempo stand-in (Tempo semantics) finds exactly the runs of the intended assets', () => {
    fc.assert(
      fc.property(fc.uniqueArray(hostileOrLong({ maxLength: 12 }), { minLength: 1, maxLength: 5 }), (names) => {
        tried++;
        const store = new TempoStore();
        const all = [...names, ...names.map((n) => `${n}x`), 'other'];
        store.add(
          ingestOtlp({
            resourceSpans: [
              {
                resource: { attributes: [{ key: 'service.name', value: { stringValue: m.jaegerService } }] },
                scopeSpans: [
                  {
                    spans: all.map((name, i) => ({
                      traceId: (i + 1).toString(16).padStart(32, '0'),
                      spanId: (i + 1).toString(16).padStart(16, '0'),
                      name: 'run',
                      startTimeUnixNano: String(1e9 + i),
                      endTimeUnixNano: String(2e9 + i),
                      attributes: [{ key: m.jaegerAssetTag, value: { stringValue: toWellFormed(name) } }],
                    })),
                  },
                ],
              },
            ],
          })
        );
        const wanted = names.slice(0, 3);
        const s = assetTraceSearch(m.jaegerService, m.jaegerAssetTag, wanted, 0, 60_000, 100);
        const res = store.search({ query: parseTraceQL(s.q), limit: 100, spss: 3 });
        const found = res.traces.map((t) => t.spanSets[0].spans[0].attributes![0].value?.stringValue);
        // Empty values select nothing (an empty attribute is no asset), as everywhere in Cascade.
        // No asset given (or too many to fit) means every asset's runs.
        const selected = cleanValues(wanted);
        const expected = (s.filterInBrowser || selected.length === 0 ? all : selected)
          .map(toWellFormed)
          .filter((v) => v !== '');
        expect(new Set(found)).toEqual(new Set(expected));
      }),
      { numRuns: 150, seed: 7102 }
    );
  });
});
