import { DuckDBInstance, JsonDuckDBValueConverter, type DuckDBConnection } from '@duckdb/node-api';
import { parentPort, workerData } from 'node:worker_threads';
import { toQueryCell, toQueryColumnType } from './queryCells.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './workerProtocol.js';

// The DuckDB worker thread (bundled to dist/main/duckdb-worker.mjs): one in-memory database
// with the memory limit and threads it was started with, one connection per run so a run can
// be interrupted alone. See queryEngine.ts for the other side.

const setup = workerData as WorkerSetup;
const port = parentPort!;
const running = new Map<number, DuckDBConnection>();

/**
 * Idle connections of runs whose last statement only read, by the statements that set them up
 * (and whether progress was on): a repeated query takes one instead of connecting and creating
 * its view again (0.4–0.6 ms of a 9–15 ms count, in an A/B of both workers over bench:query's
 * file). At most `keptMax`, the oldest closed first.
 */
const kept = new Map<string, DuckDBConnection>();
const keptMax = 4;

/** Keeps `connection` under `key`, or closes it when one is kept there already; closes the oldest past `keptMax`. */
function keep(key: string, connection: DuckDBConnection): void {
  if (kept.has(key)) return connection.closeSync();
  kept.set(key, connection);
  if (kept.size <= keptMax) return;
  const [oldestKey, oldest] = kept.entries().next().value!;
  kept.delete(oldestKey);
  oldest.closeSync();
}

const instance = DuckDBInstance.create(':memory:', {
  memory_limit: `${setup.memoryLimitMiB}MiB`,
  threads: String(setup.threads),
  temp_directory: setup.tempDirectory,
  // Files come from Lakeshore's cache only: no extension is fetched at run time.
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
});

const reply = (message: WorkerReply) => port.postMessage(message);

async function run(request: Extract<WorkerRequest, { type: 'run' }>): Promise<void> {
  const started = performance.now();
  const last = request.statements.length - 1;
  const key = `${request.progress ? 'progress' : 'quiet'}\n${request.statements.slice(0, last).join('\n;\n')}`;
  const reused = request.readsOnly ? kept.get(key) : undefined;
  if (reused) kept.delete(key);
  const connection = reused ?? (await (await instance).connect());
  running.set(request.id, connection);
  let timer: NodeJS.Timeout | undefined;
  let reusable = false;
  try {
    if (request.progress) {
      // DuckDB tracks a query's progress only with its progress bar on (printing nothing); a
      // kept connection of a run with progress has it on already.
      if (!reused)
        await connection.run(
          'SET enable_progress_bar = true; SET enable_progress_bar_print = false',
        );
      timer = setInterval(() => {
        const { percentage } = connection.progress;
        if (percentage >= 0)
          reply({ type: 'progress', id: request.id, fraction: Math.min(1, percentage / 100) });
      }, 200);
    }
    if (!reused) for (let i = 0; i < last; i++) await connection.run(request.statements[i]!);
    const result = await connection.run(request.statements[last]!);
    const columns = result.columnNames().map((name, i) => ({
      name,
      type: toQueryColumnType(result.columnType(i).typeId),
      sqlType: result.columnType(i).toString(),
    }));
    const rows: (string | number | boolean | null)[][] = [];
    let rowCount = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      rowCount += chunk.rowCount;
      if (rows.length >= request.maxRows) continue;
      for (const row of chunk.convertRows(JsonDuckDBValueConverter)) {
        if (rows.length >= request.maxRows) break;
        rows.push(row.map((cell, c) => toQueryCell(cell, columns[c]!.type)));
      }
    }
    reply({
      type: 'result',
      id: request.id,
      columns,
      rows,
      rowCount,
      elapsedMs: performance.now() - started,
    });
    reusable = request.readsOnly === true;
  } catch (e) {
    reply({ type: 'error', id: request.id, message: e instanceof Error ? e.message : String(e) });
  } finally {
    clearInterval(timer);
    running.delete(request.id);
    if (reusable) keep(key, connection);
    else connection.closeSync();
  }
}

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'run') void run(request);
  else running.get(request.id)?.interrupt();
});
