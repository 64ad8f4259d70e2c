import * as coreTracing from '@azure/core-tracing';
import { AzureSdkInstrumentation } from '@azure/opentelemetry-instrumentation-azure-sdk';
import { metrics } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createOperationInstruments } from './operationMetrics.js';

/** The started providers; `shutdown` flushes what is buffered (to the OTLP endpoint, if any) and stops. */
export interface Telemetry {
  /** The OTLP endpoint traces and metrics go to, or `null`: nothing leaves the machine. */
  otlpEndpoint: string | null;
  /** Sends what is buffered now. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** What `startTelemetry` needs: the environment (for `OTEL_EXPORTER_OTLP_ENDPOINT`), the app's version, and extra span processors (tests). */
export interface TelemetryOptions {
  env?: NodeJS.ProcessEnv;
  version: string;
  spanProcessors?: SpanProcessor[];
  /** How often metrics are exported, ms (default 60,000). */
  metricIntervalMs?: number;
  /**
   * How long one export may take, its retries included, in ms, unless `OTEL_EXPORTER_OTLP_TIMEOUT`
   * says (default the exporters' 10,000). A short-lived process sets it low so an unreachable
   * endpoint does not hold its exit.
   */
  exportTimeoutMs?: number;
}

let running: Telemetry | undefined;

/**
 * Registers OpenTelemetry's global tracer and meter providers for the process (once; a second
 * call returns the first's): the spans `lakeshore.<area>.<op>` of `observeStorageCall` and the
 * Azure SDK's own spans (its OpenTelemetry instrumenter handed to `@azure/core-tracing` through
 * `useInstrumenter`, what `@azure/opentelemetry-instrumentation-azure-sdk` patches in; done
 * directly because the bundled ESM main loads core-tracing without require hooks), and the
 * operation counters and histogram. Traces and metrics are exported over OTLP/HTTP (JSON) only
 * when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, to `<endpoint>/v1/traces` and `/v1/metrics` as the
 * OTLP exporter spec says (https://opentelemetry.io/docs/specs/otel/protocol/exporter/);
 * otherwise no exporter exists and nothing leaves the machine.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  if (running) return running;
  const env = options.env ?? process.env;
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || null;
  const resource = resourceFromAttributes({
    'service.name': env.OTEL_SERVICE_NAME || 'lakeshore',
    'service.version': options.version,
  });
  const base = endpoint ? endpoint.replace(/\/+$/, '') : '';
  const timeout =
    options.exportTimeoutMs !== undefined && !env.OTEL_EXPORTER_OTLP_TIMEOUT
      ? { timeoutMillis: options.exportTimeoutMs }
      : {};
  const tracerProvider = new NodeTracerProvider({
    resource,
    spanProcessors: [
      ...(endpoint
        ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${base}/v1/traces`, ...timeout }))]
        : []),
      ...(options.spanProcessors ?? []),
    ],
  });
  tracerProvider.register();
  const meterProvider = new MeterProvider({
    resource,
    readers: endpoint
      ? [
          new PeriodicExportingMetricReader({
            exporter: new OTLPMetricExporter({ url: `${base}/v1/metrics`, ...timeout }),
            exportIntervalMillis: options.metricIntervalMs ?? 60_000,
          }),
        ]
      : [],
  });
  metrics.setGlobalMeterProvider(meterProvider);
  createOperationInstruments();
  const instrumentation = new AzureSdkInstrumentation();
  for (const definition of instrumentation.getModuleDefinitions()) {
    definition.patch?.(coreTracing as never);
  }
  running = {
    otlpEndpoint: endpoint,
    async flush() {
      await tracerProvider.forceFlush();
      await meterProvider.forceFlush();
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
  return running;
}
