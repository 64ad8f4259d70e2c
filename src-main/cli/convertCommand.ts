import { resolveDataDir } from '../platform/dataDir.js';
import { convertFile, type ConvertOptions, type ConvertReport } from '../query/convertFile.js';
import { createQueryEngine } from '../query/queryEngine.js';
import { defaultCacheBytes, openSourceCache, queryCacheDir } from '../query/sourceCache.js';
import { openAccount } from '../storage/accountAccess.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { failWith } from '../storage/toLakeError.js';
import type { CliIo } from './output.js';

/** A credential `openAccount` takes (a key, SAS or connection string, or a token). */
type StorageCredential = Parameters<typeof openAccount>[0];
import { Interrupted } from './usageError.js';

/** One end of a conversion: where, and with which credential. */
export interface ConvertEnd {
  location: BlobLocation;
  credential: StorageCredential;
}

const needBlob = (end: ConvertEnd, which: string) =>
  end.location.container && end.location.path
    ? { container: end.location.container, path: end.location.path }
    : failWith(
        'InvalidInput',
        `convert needs the URL of a blob as ${which}: …/<container>/<path>.`,
      );

/** The report as text: schema, rows, bytes, rejected rows with their lines. */
function reportText(report: ConvertReport, target: string): string {
  const schema = report.schema.map((c) => `  ${c.name} ${c.type}${c.nullable ? '' : ' NOT NULL'}`);
  const rejected = report.rejected.map((r) => `  line ${r.line}: ${r.message}`);
  return [
    'Schema:',
    ...schema,
    `${report.written ? 'Wrote' : 'Would write'} ${report.rowsWritten} rows (${report.sourceBytes} bytes of ${report.sourceFormat} → ${report.targetBytes} bytes) ${report.written ? 'to' : 'for'} ${target}`,
    ...(report.rejected.length > 0
      ? [
          `${report.rejected.length} row${report.rejected.length === 1 ? '' : 's'} rejected:`,
          ...rejected,
        ]
      : []),
  ]
    .map((l) => `${l}\n`)
    .join('');
}

/**
 * `lakeshore convert <src> <dst>`: see `convertFile`. Prints the schema, the rows written and
 * the rejected rows (text, or one JSON object with `--json`); Ctrl-C cancels, leaving nothing
 * under the target name (`Interrupted`).
 */
export async function convertCommand(
  source: ConvertEnd,
  target: ConvertEnd,
  options: Omit<ConvertOptions, 'signal'> & { json: boolean; memoryLimitMiB: number },
  io: CliIo,
): Promise<void> {
  const from = needBlob(source, 'the source');
  const to = needBlob(target, 'the target');
  const controller = new AbortController();
  io.onInterrupt?.(() => controller.abort());
  const engine = createQueryEngine({ memoryLimitMiB: options.memoryLimitMiB });
  try {
    const cache = await openSourceCache(queryCacheDir(resolveDataDir(io.env)), defaultCacheBytes);
    const { json, memoryLimitMiB: _limit, ...convert } = options;
    const report = await convertFile(
      { engine, cache },
      openAccount(source.credential).container(from.container),
      from.path,
      openAccount(target.credential).container(to.container),
      to.path,
      { ...convert, signal: controller.signal },
    ).catch((e: unknown) => {
      if (controller.signal.aborted)
        throw new Interrupted('Interrupted; the conversion was stopped and nothing was written.');
      throw e;
    });
    io.stdout(
      json ? `${JSON.stringify(report)}\n` : reportText(report, `${to.container}/${to.path}`),
    );
  } finally {
    await engine.close();
  }
}
