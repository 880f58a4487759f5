import { EvalStats } from './engine';

/** A `stats` object in Loki 3's nested layout (same keys as a real capture), from the stand-in's counters. */
export function lokiStats(s: EvalStats, entriesReturned: number, began: bigint) {
  const execTime = Number(process.hrtime.bigint() - began) / 1e9;
  const perSecond = (v: number) => (execTime > 0 ? Math.round(v / execTime) : 0);
  const store = (headBytes: number, headLines: number, postFilter: number) => ({
    totalChunksRef: 0,
    totalChunksDownloaded: 0,
    chunksDownloadTime: 0,
    queryReferencedStructuredMetadata: false,
    queryUsedV2Engine: false,
    chunk: {
      headChunkBytes: headBytes,
      headChunkLines: headLines,
      decompressedBytes: 0,
      decompressedLines: 0,
      compressedBytes: 0,
      totalDuplicates: 0,
      postFilterLines: postFilter,
      headChunkStructuredMetadataBytes: s.metadataBytes,
      decompressedStructuredMetadataBytes: 0,
    },
    chunkRefsFetchTime: 0,
    congestionControlLatency: 0,
    pipelineWrapperFilteredLines: 0,
  });
  return {
    summary: {
      bytesProcessedPerSecond: perSecond(s.bytesProcessed),
      linesProcessedPerSecond: perSecond(s.linesProcessed),
      totalBytesProcessed: s.bytesProcessed,
      totalLinesProcessed: s.linesProcessed,
      execTime,
      queueTime: 0,
      subqueries: 0,
      totalEntriesReturned: entriesReturned,
      splits: 1,
      shards: 1,
      totalPostFilterLines: s.postFilterLines,
      totalStructuredMetadataBytesProcessed: s.metadataBytes,
    },
    // Everything lives in the "ingester" (memory); no store, cache or index involvement.
    querier: { store: store(0, 0, 0) },
    ingester: {
      totalReached: 1,
      totalChunksMatched: 0,
      totalBatches: 1,
      totalLinesSent: s.postFilterLines,
      store: store(s.bytesProcessed, s.linesProcessed, s.postFilterLines),
    },
    cache: {
      statsResult: {
        entriesFound: 0,
        entriesRequested: 0,
        entriesStored: 0,
        bytesReceived: 0,
        bytesSent: 0,
        requests: 0,
        downloadTime: 0,
        queryLengthServed: 0,
      },
    },
    index: { totalChunks: 0, postFilterChunks: 0, shardsDuration: 0, usedBloomFilters: false },
  };
}
