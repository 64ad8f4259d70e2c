import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';

/** A command line run's telemetry: `run` wraps the command in its span, `stop` exports what is left. */
export interface CliTelemetry {
  /** Runs `command` inside the span `lakeshore.cli` (the storage spans beneath), its exit code as `process.exit_code`. */
  run(command: () => Promise<number>): Promise<number>;
  /** Names the run's span after the command parsed, `lakeshore.cli.<command>[.<subcommand>]`. */
  name(commandPath: string[]): void;
  /** Exports the buffered spans and the metrics (each export at most 3 s, the whole at most `graceMs`, default 5,000 ms), then stops. */
  stop(graceMs?: number): Promise<void>;
}

let started = false;

/**
 * Starts OpenTelemetry for one `lakeshore` run when `env` has `OTEL_EXPORTER_OTLP_ENDPOINT`
 * (see `startTelemetry`: traces and metrics over OTLP/HTTP to that endpoint); resolves to
 * `undefined` otherwise, and for a run inside a run (`jobs resume`), whose spans are the outer
 * run's. The SDK is loaded only then, so a run without the variable pays nothing for it.
 */
export async function startCliTelemetry(
  env: NodeJS.ProcessEnv,
  version: string,
): Promise<CliTelemetry | undefined> {
  if (started || !env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()) return undefined;
  started = true;
  const { startTelemetry } = await import('./telemetry.js');
  const telemetry = startTelemetry({ env, version, exportTimeoutMs: 3_000 });
  let current: Span | undefined;
  return {
    run: (command) =>
      trace.getTracer('lakeshore').startActiveSpan('lakeshore.cli', async (span) => {
        current = span;
        try {
          const code = await command();
          span.setAttribute('process.exit_code', code);
          if (code !== 0) span.setStatus({ code: SpanStatusCode.ERROR });
          return code;
        } finally {
          span.end();
        }
      }),
    name(commandPath) {
      current?.updateName(['lakeshore.cli', ...commandPath].join('.'));
    },
    async stop(graceMs = 5_000) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        telemetry.shutdown().catch(() => undefined),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs).unref())),
      ]);
      clearTimeout(timer);
      started = false;
    },
  };
}
