import { useMemo } from 'react';
import { DataFrame, QueryResultMetaNotice } from '@grafana/data';
import { CriticalPath, criticalPath, CriticalSection, sectionsBySpan } from '../../trace/criticalPath';
import { findFrames } from '../../frames/frameKit';
import { logsFromFrame } from '../../frames/signalFrames';
import { traceFromFrame } from '../../frames/traceFrame';
import { AttachedLogs, attachLogs } from '../../trace/traceLogs';
import { buildTraceTree, TraceTree } from '../../trace/traceTree';

export interface TraceModel {
  tree: TraceTree;
  path: CriticalPath;
  pathBySpan: Map<number, CriticalSection[]>;
  logs: AttachedLogs;
  /** Notices the data source put on the frames (truncation, Jaeger warnings). */
  notices: QueryResultMetaNotice[];
}

/**
 * Frames → span tree, critical path and logs attached to spans. The tree only depends on the
 * trace frame and the attachment on the logs frame, so the logs arriving after the trace (separate
 * packets) do not rebuild the tree.
 */
export function useTraceModel(series: DataFrame[]): TraceModel {
  const traceFrame = findFrames(series, 'trace')[0] as DataFrame | undefined;
  const logFrame = findFrames(series, 'logs')[0] as DataFrame | undefined;
  const base = useMemo(() => {
    const tree = buildTraceTree(traceFrame ? traceFromFrame(traceFrame) : []);
    const path = criticalPath(tree);
    return { tree, path, pathBySpan: sectionsBySpan(path) };
  }, [traceFrame]);
  const logs = useMemo(() => attachLogs(base.tree, logFrame ? logsFromFrame(logFrame) : []), [base, logFrame]);
  const notices = useMemo(
    () => [...(traceFrame?.meta?.notices ?? []), ...(logFrame?.meta?.notices ?? [])],
    [traceFrame, logFrame]
  );
  return useMemo(() => ({ ...base, logs, notices }), [base, logs, notices]);
}
