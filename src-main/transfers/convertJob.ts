import type { ContainerClient } from '@azure/storage-blob';
import { stat } from 'node:fs/promises';
import type {
  ConvertJobSummary,
  ConvertPhase,
  ConvertResult,
  EnqueueConvertArgs,
  TransferState,
} from '../../shared/contract/index.js';
import { LakeFailure, toLakeError } from '../storage/toLakeError.js';
import { downloadFile } from './downloadFile.js';
import { createRateMeter, etaMs } from './rateMeter.js';
import type { RunDeps } from './runJob.js';
import { createTransferIo, type TransferIo } from './transferIo.js';
import { uploadFile } from './uploadFile.js';

/** A blob a conversion reads, and the local file to write it to (whole, or not at all). */
export interface ConvertFill {
  blobName: string;
  size: number;
  etag: string;
  localPath: string;
}

/** What a conversion reports as it goes: the phase, totals once known, DuckDB's fraction, rows once counted. */
export interface ConvertProgress {
  phase?: ConvertPhase;
  /** The source's size in bytes. */
  bytesToRead?: number;
  /** Source bytes found in the query cache, counted as read without moving. */
  bytesCached?: number;
  /** The converted file's size in bytes. */
  bytesToWrite?: number;
  /** DuckDB's progress of its COPY, 0–1. */
  convertedFraction?: number;
  rowsWritten?: number;
  rowsRejected?: number;
}

/**
 * What the engine gives a conversion: its abort signal, the containers of its connections,
 * fetching and uploading through the engine's shared request limit, retries and byte cap (the
 * bytes count in the job's progress and rate), and a progress report.
 */
export interface ConvertContext {
  signal: AbortSignal;
  container(connectionId: string, container: string): Promise<ContainerClient>;
  /** Downloads each fill (ranged Get Blob, If-Match on its ETag, `.lakeshore-part` renamed when complete). */
  fetch(container: ContainerClient, fills: ConvertFill[]): Promise<void>;
  /**
   * Uploads `localFile` as `blobName` (Put Blob, or Put Block then Put Block List, so the blob
   * appears only when complete); with `createOnly`, only if no blob has the name yet
   * (`If-None-Match: *`, `Conflict` otherwise).
   */
  upload(
    container: ContainerClient,
    localFile: string,
    blobName: string,
    options: { createOnly: boolean },
  ): Promise<void>;
  progress(update: ConvertProgress): void;
}

/** Runs one conversion (the DuckDB side lives in src-main/query); rejects with a `LakeFailure`. */
export type ConvertRunner = (
  args: EnqueueConvertArgs,
  ctx: ConvertContext,
) => Promise<ConvertResult>;

const lastSegment = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** A conversion job in memory (not journaled: an interrupted one leaves nothing and is run again by the user). */
export class ConvertJob {
  readonly id: string;
  controller = new AbortController();
  runner: Promise<void> | undefined;
  private readonly rate = createRateMeter();
  private readonly createdAt = new Date().toISOString();
  private progressNow: Required<Pick<ConvertProgress, 'phase' | 'convertedFraction'>> &
    ConvertProgress = { phase: 'reading', convertedFraction: 0 };
  private bytesRead = 0;
  private bytesWritten = 0;
  private result: ConvertResult | undefined;
  state: TransferState = { kind: 'queued' };

  constructor(
    id: string,
    readonly batchId: string,
    readonly args: EnqueueConvertArgs,
    /** Told of each change; `phaseChanged` when the conversion entered its next phase. */
    private readonly changed: (job: ConvertJob, phaseChanged?: boolean) => void,
  ) {
    this.id = id;
  }

  setState(state: TransferState): void {
    this.state = state;
    this.changed(this);
  }

  /** What the panel shows. */
  summary(): ConvertJobSummary {
    const p = this.progressNow;
    const bytesToRead = p.bytesToRead ?? 0;
    const bytesTotal = bytesToRead + (p.bytesToWrite ?? 0);
    const bytesDone = this.bytesRead + this.bytesWritten;
    const rate = this.state.kind === 'running' ? this.rate.rate() : 0;
    const eta = p.bytesToRead === undefined ? undefined : etaMs(bytesTotal - bytesDone, rate);
    return {
      id: this.id,
      batchId: this.batchId,
      direction: 'convert',
      kind: 'file',
      name: lastSegment(this.args.source.path),
      source: this.args.source,
      target: this.args.target,
      to: this.args.to,
      phase: p.phase,
      bytesRead: this.bytesRead,
      bytesToRead,
      bytesWritten: this.bytesWritten,
      ...(p.bytesToWrite !== undefined ? { bytesToWrite: p.bytesToWrite } : {}),
      bytesDone,
      ...(p.bytesToRead !== undefined ? { bytesTotal } : {}),
      convertedFraction: p.convertedFraction,
      ...(p.rowsWritten !== undefined ? { rowsWritten: p.rowsWritten } : {}),
      ...(p.rowsRejected !== undefined ? { rowsRejected: p.rowsRejected } : {}),
      rateBytesPerSec: Math.round(rate),
      ...(eta !== undefined ? { etaMs: eta } : {}),
      state: this.state,
      ...(this.result ? { result: this.result } : {}),
      createdAt: this.createdAt,
    };
  }

  /** Back to the start, for a retry. */
  reset(): void {
    this.progressNow = { phase: 'reading', convertedFraction: 0 };
    this.bytesRead = 0;
    this.bytesWritten = 0;
    this.result = undefined;
  }

  /**
   * Runs the conversion with `runner` to its end and sets the final state: completed (with its
   * result), cancelled (aborted) or failed. Never rejects.
   */
  async run(runner: ConvertRunner, deps: RunDeps): Promise<void> {
    const signal = this.controller.signal;
    const io = createTransferIo({
      limiter: deps.limiter,
      retry: deps.retry,
      ...(deps.blockSizeBytes ? { blockSizeBytes: deps.blockSizeBytes } : {}),
      ...(deps.cap ? { cap: deps.cap } : {}),
      signal,
      gate: () =>
        signal.aborted
          ? Promise.reject(new LakeFailure({ code: 'Cancelled', message: 'Cancelled.' }))
          : Promise.resolve(),
      isPaused: () => false,
      onInFlight: () => undefined,
      onMoved: (bytes) => {
        this.rate.add(bytes);
        this.changed(this);
      },
      keepPartial: () => false,
    });
    try {
      const result = await runner(this.args, this.context(io, deps));
      this.result = result;
      this.progressNow.phase = 'writing';
      this.setState({ kind: 'completed' });
    } catch (e) {
      const error = toLakeError(e);
      if (signal.aborted || error.code === 'Cancelled') this.setState({ kind: 'cancelled' });
      else this.setState({ kind: 'failed', error });
    }
  }

  private context(io: TransferIo, deps: RunDeps): ConvertContext {
    return {
      signal: io.signal,
      container: deps.resolveContainer,
      fetch: async (container, fills) => {
        const transport = deps.blobTransport(container);
        await Promise.all(
          fills.map(async (fill) => {
            let counted = 0;
            await downloadFile(
              io,
              transport,
              { name: fill.blobName, size: fill.size, etag: fill.etag },
              fill.localPath,
              {
                onBytes: (bytes) => {
                  this.bytesRead += bytes - counted;
                  counted = bytes;
                  this.changed(this);
                },
                onVerified: () => undefined,
              },
            );
          }),
        );
      },
      upload: async (container, localFile, blobName, { createOnly }) => {
        const info = await stat(localFile);
        let counted = 0;
        await uploadFile(
          io,
          {
            blobName,
            transport: deps.blobTransport(container),
            blockBlob: () => container.getBlockBlobClient(blobName),
          },
          { localPath: localFile, size: info.size, mtimeMs: info.mtimeMs },
          {
            onPlan: () => undefined,
            onBytes: (bytes) => {
              this.bytesWritten += bytes - counted;
              counted = bytes;
              this.changed(this);
            },
            createOnly,
          },
        );
      },
      progress: (update) => {
        const { bytesCached, ...rest } = update;
        if (bytesCached) this.bytesRead += bytesCached;
        const phaseChanged = rest.phase !== undefined && rest.phase !== this.progressNow.phase;
        Object.assign(this.progressNow, rest);
        this.changed(this, phaseChanged);
      },
    };
  }
}
