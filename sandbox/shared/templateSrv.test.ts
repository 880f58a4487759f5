import { dateTime } from '@grafana/data';
import { formatValue, MapTemplateSrv, variablesFromSearch } from './templateSrv';

describe('MapTemplateSrv', () => {
  const srv = new MapTemplateSrv({ asset: 'fct_glucose_readings', many: ['a.b', 'c|d'], empty: '' });

  it('replaces $var, ${var} and [[var]], and leaves unknown variables alone', () => {
    expect(srv.replace('x=$asset')).toBe('x=fct_glucose_readings');
    expect(srv.replace('x=${asset}_y')).toBe('x=fct_glucose_readings_y');
    expect(srv.replace('x=[[asset]]')).toBe('x=fct_glucose_readings');
    expect(srv.replace('x=$nope ${nope}')).toBe('x=$nope ${nope}');
  });

  it('applies Grafana formats: regex escapes, multi-values as alternation / glob / csv / pipe', () => {
    expect(srv.replace('${many:regex}')).toBe('(a\\.b|c\\|d)');
    expect(srv.replace('${asset:regex}')).toBe('fct_glucose_readings');
    expect(srv.replace('$many')).toBe('{a.b,c|d}');
    expect(srv.replace('${many:csv}')).toBe('a.b,c|d');
    expect(srv.replace('${many:pipe}')).toBe('a.b|c|d');
    expect(srv.replace('${many:json}')).toBe('["a.b","c|d"]');
    expect(srv.replace('${many:singlequote}')).toBe("'a.b','c|d'");
    expect(srv.replace('${asset:queryparam}')).toBe('var-asset=fct_glucose_readings');
    expect(srv.replace('$many', undefined, 'regex')).toBe('(a\\.b|c\\|d)');
    expect(srv.replace('$many', undefined, (v: string[]) => v.join('+'))).toBe('a.b+c|d');
  });

  it('prefers scoped vars and provides ${__from}/${__to} from the time range', () => {
    expect(srv.replace('$asset', { asset: { text: 'x', value: 'scoped' } })).toBe('scoped');
    const from = dateTime(1000);
    const to = dateTime(2000);
    srv.updateTimeRange({ from, to, raw: { from, to } });
    expect(srv.replace('${__from}-${__to}')).toBe('1000-2000');
  });

  it('lists variables and reports which strings contain a known one', () => {
    expect(srv.getVariables().map((v) => v.name)).toEqual(['asset', 'many', 'empty']);
    expect(srv.containsTemplate('sum($asset)')).toBe(true);
    expect(srv.containsTemplate('sum($other)')).toBe(false);
  });

  it('reads var-<name> URL parameters, repeated ones as multi-values', () => {
    expect(variablesFromSearch('?var-asset=a&var-m=1&var-m=2&from=now-1h')).toEqual({ asset: 'a', m: ['1', '2'] });
  });

  it('escapes regex metacharacters like Grafana', () => {
    expect(formatValue('a(b)*', 'regex')).toBe('a\\(b\\)\\*');
  });
});
