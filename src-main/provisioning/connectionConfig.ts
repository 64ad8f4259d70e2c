import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { validateConnectionSettings, type ConnectionSettings } from './connectionSettings.js';
import { environmentNameOf, flattenKeys, readEnvironmentLayers } from './environmentOverlay.js';

/** Where a provisioned connection is defined: the file (perhaps overlaid by the environment), or the environment alone. */
export type ProvisionedSource = 'file' | 'environment';

/** One provisioned connection after every layer: usable, or invalid with the reasons (never a value). */
export type ProvisionedEntry =
  | { status: 'valid'; name: string; source: ProvisionedSource; settings: ConnectionSettings }
  | { status: 'invalid'; name: string; source: ProvisionedSource; reasons: string[] };

/** The whole configuration: its entries, problems that belong to no entry, and how long resolved secrets are kept. */
export interface ConnectionConfig {
  /** The file read (it may not exist). */
  path: string;
  entries: ProvisionedEntry[];
  /** Problems of the file as a whole (unreadable TOML, unknown top-level table) or stray variables. */
  problems: string[];
  /** How long a resolved secret is kept in memory, in ms (`[secrets] cache_ttl_s`, default 900 s). */
  secretCacheTtlMs: number;
}

/** The default in-memory lifetime of a resolved secret: 15 minutes. */
export const defaultSecretCacheTtlMs = 15 * 60_000;

/** Names become ids `config-<name>` within the contract's 64 characters of `[A-Za-z0-9_-]`. */
const namePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,56}$/;

/**
 * `LAKESHORE_CONFIG` when set, else `connections.toml` in the data folder (beside
 * `settings.json` and the saved `connections.json`).
 */
export const connectionConfigPath = (dataDir: string, env: NodeJS.ProcessEnv): string =>
  env.LAKESHORE_CONFIG
    ? path.resolve(env.LAKESHORE_CONFIG)
    : path.join(dataDir, 'connections.toml');

const isTable = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

interface FileLayer {
  tables: Map<string, Record<string, unknown> | string>;
  problems: string[];
  secretCacheTtlMs: number;
}

function readFileLayer(file: string, text: string | undefined): FileLayer {
  const layer: FileLayer = {
    tables: new Map(),
    problems: [],
    secretCacheTtlMs: defaultSecretCacheTtlMs,
  };
  if (text === undefined) return layer;
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch (e) {
    const where = e instanceof TomlError ? ` at line ${e.line}, column ${e.column}` : '';
    layer.problems.push(
      `${file} is not valid TOML${where}: none of its connections were loaded. Fix the file; it is read again when saved.`,
    );
    return layer;
  }
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'connections' && isTable(value)) {
      for (const [name, table] of Object.entries(value)) {
        layer.tables.set(
          name,
          isTable(table) ? table : `[connections.${name}] must be a table of keys`,
        );
      }
    } else if (key === 'secrets' && isTable(value)) {
      const { cache_ttl_s: ttl, ...unknown } = value;
      if (typeof ttl === 'number' && ttl >= 0) layer.secretCacheTtlMs = ttl * 1000;
      else if (ttl !== undefined)
        layer.problems.push('[secrets] cache_ttl_s must be a number of seconds (0 or more).');
      for (const k of Object.keys(unknown))
        layer.problems.push(`[secrets] has an unknown key "${k}" (known: cache_ttl_s).`);
    } else {
      layer.problems.push(
        `${file} has an unknown top-level key "${key}" (known: [connections.<name>], [secrets]).`,
      );
    }
  }
  return layer;
}

/**
 * Builds the configuration from the file's text (`undefined` when there is no file) and the
 * environment. Each connection's keys are merged with the precedence
 * `built-in defaults < file < LAKESHORE_CONNECTIONS_<NAME>__<KEY> < LAKESHORE_CONNECTIONS_<NAME>__JSON`,
 * then validated alone: an invalid entry (unknown key, wrong type, malformed JSON overlay) is
 * listed with its reasons and never stops the others. Secret references are not resolved here.
 */
export function buildConnectionConfig(
  file: string,
  text: string | undefined,
  env: NodeJS.ProcessEnv,
): ConnectionConfig {
  const fileLayer = readFileLayer(file, text);
  const { layers, stray } = readEnvironmentLayers(env);
  const entries: ProvisionedEntry[] = [];
  const seen = new Set<string>();
  const build = (
    name: string,
    source: ProvisionedSource,
    table: Record<string, unknown> | string | undefined,
  ) => {
    const envName = environmentNameOf(name);
    seen.add(envName);
    const envLayer = layers.get(envName);
    const reasons: string[] = [];
    if (!namePattern.test(name))
      reasons.push(
        `"${name}" is not a usable name: 1–57 letters, digits, "-" or "_", starting with a letter or digit.`,
      );
    if (typeof table === 'string') reasons.push(table);
    reasons.push(...(envLayer?.problems ?? []));
    const merged = {
      ...(typeof table === 'object' ? flattenKeys(table) : {}),
      ...envLayer?.keys,
      ...envLayer?.json,
    };
    const validated = validateConnectionSettings(merged);
    if (!validated.ok) reasons.push(...validated.reasons);
    entries.push(
      reasons.length > 0 || !validated.ok
        ? { status: 'invalid', name, source, reasons }
        : { status: 'valid', name, source, settings: validated.settings },
    );
  };
  for (const [name, table] of fileLayer.tables) build(name, 'file', table);
  for (const [envName] of layers) {
    if (!seen.has(envName)) build(envName.toLowerCase(), 'environment', undefined);
  }
  return {
    path: file,
    entries,
    problems: [...fileLayer.problems, ...stray],
    secretCacheTtlMs: fileLayer.secretCacheTtlMs,
  };
}

/**
 * Reads the file at `file` (a missing file is no connection, not an error) and builds the
 * configuration with `env`. An unreadable file (permissions) is a problem of the whole file.
 * `beforeParse` is given the file's text (`undefined` when there is none) once it is read.
 */
export async function readConnectionConfig(
  file: string,
  env: NodeJS.ProcessEnv,
  beforeParse?: (text: string | undefined) => Promise<void>,
): Promise<ConnectionConfig> {
  let text: string | undefined;
  const problems: string[] = [];
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') problems.push(`${file} cannot be read (${code ?? 'error'}).`);
  }
  await beforeParse?.(text);
  const config = buildConnectionConfig(file, text, env);
  return { ...config, problems: [...problems, ...config.problems] };
}
