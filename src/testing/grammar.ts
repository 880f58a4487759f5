import { parser as logqlParser } from '@grafana/lezer-logql';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';

type Parser = typeof promqlParser;

function errorNodes(parser: Parser, query: string): string[] {
  const errors: string[] = [];
  parser.parse(query).iterate({
    enter: (node) => {
      if (node.type.isError) {
        errors.push(`error at ${node.from}: …${query.slice(Math.max(0, node.from - 20), node.from + 20)}…`);
      }
    },
  });
  return errors;
}

/** Test-only: syntax error nodes of a PromQL query per Prometheus' own Lezer grammar ([] = parses). */
export const promqlErrors = (query: string) => errorNodes(promqlParser, query);

/** Test-only: syntax error nodes of a LogQL query per Grafana's Lezer grammar ([] = parses). */
export const logqlErrors = (query: string) => errorNodes(logqlParser as unknown as Parser, query);
