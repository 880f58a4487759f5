import { context, Context, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace, Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { ReadableSpan, SpanExporter, SpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import * as os from 'node:os';
import { RunSpanIds } from './logs';
import { RunPlan } from './simulator';

/** Service name of every span, as Dagster's would be. */
export const SERVICE_NAME = 'dagster';

/** Builds one trace per run with the OpenTelemetry SDK and exports it over OTLP/HTTP (JSON). */
export class RunTracer {
  private readonly provider: TracerProvider;
  private readonly tracer: Tracer;

  /** Without otlpUrl spans are still created (their ids go into the logs) but not exported. */
  constructor(otlpUrl?: string) {
    const processors: SpanProcessor[] = [];
    if (otlpUrl) {
      const exporter = new OTLPTraceExporter({ url: `${otlpUrl.replace(/\/$/, '')}/v1/traces`, timeoutMillis: 10000 });
      processors.push(new SequentialBatchProcessor(exporter));
    }
    this.provider = new TracerProvider({
      resource: defaultResource().merge(
        resourceFromAttributes({ 'service.name': SERVICE_NAME, 'host.name': os.hostname(), 'process.pid': process.pid })
      ),
      spanProcessors: processors,
    });
    this.tracer = this.provider.getTracer('cascade-demo-pipeline', '0.1.0');
  }

  /** Emits the run's spans with explicit start/end times from the plan (no sleeping). */
  emit(plan: RunPlan, startMs: number): RunSpanIds {
    const spans = new Map<string, Span>();
    const contexts = new Map<string, Context>();
    const at = (seconds: number) => startMs + seconds * 1000;
    for (const p of plan.spans) {
      const parentCtx = p.parent ? contexts.get(p.parent)! : ROOT_CONTEXT;
      const span = this.tracer.startSpan(
        p.name,
        {
          startTime: at(p.start),
          attributes: p.attributes,
          kind: p.name === 'http.request' ? SpanKind.CLIENT : SpanKind.INTERNAL,
        },
        parentCtx
      );
      spans.set(p.name, span);
      contexts.set(p.name, trace.setSpan(parentCtx ?? context.active(), span));
    }
    if (plan.failedPhase) {
      const failing = spans.get(plan.failedPhase)!;
      const end = at(plan.spans.find((s) => s.name === plan.failedPhase)!.end);
      failing.recordException({ name: plan.errorType!, message: plan.errorMessage! }, end);
      failing.setStatus({ code: SpanStatusCode.ERROR, message: plan.errorMessage });
      spans
        .get(plan.asset)!
        .setStatus({ code: SpanStatusCode.ERROR, message: `${plan.errorType}: ${plan.errorMessage}` });
    }
    // Children end before their parents, as in a real run.
    for (const p of [...plan.spans].reverse()) {
      spans.get(p.name)!.end(at(p.end));
    }
    const root = spans.get(plan.asset)!.spanContext();
    const spanIds: Record<string, string> = {};
    for (const [name, span] of spans) {
      spanIds[name] = span.spanContext().spanId;
    }
    return { traceId: root.traceId, spanIds, startMs };
  }

  /** Resolves when every ended span has been exported. */
  flush(): Promise<void> {
    return this.provider.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}

/**
 * Batches ended spans and exports one batch at a time. The SDK's BatchSpanProcessor runs batches
 * concurrently on forceFlush and the OTLP exporter rejects beyond 30 in flight — which a tick of
 * thousands of assets (~10 spans each) exceeds.
 */
export class SequentialBatchProcessor implements SpanProcessor {
  private buffer: ReadableSpan[] = [];
  private chain: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  dropped = 0;
  failedExports = 0;

  constructor(
    private readonly exporter: SpanExporter,
    private readonly maxBatch = 2048,
    private readonly maxQueue = 262144,
    delayMs = 500
  ) {
    this.timer = setInterval(() => void this.forceFlush(), delayMs);
    this.timer.unref?.();
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    this.buffer.push(span);
    if (this.buffer.length > this.maxQueue) {
      this.buffer.shift();
      this.dropped++;
    }
  }

  /** Exports everything buffered so far, batch after batch; never rejects. */
  forceFlush(): Promise<void> {
    const spans = this.buffer;
    this.buffer = [];
    for (let i = 0; i < spans.length; i += this.maxBatch) {
      const batch = spans.slice(i, i + this.maxBatch);
      this.chain = this.chain.then(() => this.exportBatch(batch));
    }
    return this.chain;
  }

  async shutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.forceFlush();
    await this.exporter.shutdown();
  }

  private exportBatch(batch: ReadableSpan[]): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.exporter.export(batch, (result) => {
          if (result.code !== 0) {
            this.failedExports++;
          }
          resolve();
        });
      } catch {
        this.failedExports++;
        resolve();
      }
    });
  }
}
