import { coerceEnvironmentValue } from './connectionSettings.js';

/** The prefix of every variable that provisions a connection. */
export const environmentPrefix = 'LAKESHORE_CONNECTIONS_';

/** Short names the environment may use for a key (as in the reference's ADLS2 connector). */
const keyAliases: Record<string, string> = {
  conn_str: 'connection_string',
  dsn: 'connection_string',
};

/**
 * What the environment says about one connection, by its upper-case name segment:
 * `keys` from `LAKESHORE_CONNECTIONS_<NAME>__<KEY>[__<SUBKEY>]` (flat dotted keys, values
 * coerced to the key's type), `json` from `LAKESHORE_CONNECTIONS_<NAME>__JSON` (flattened the
 * same way, highest precedence), and the reasons either could not be read.
 */
export interface EnvironmentLayer {
  envName: string;
  keys: Record<string, unknown>;
  json: Record<string, unknown>;
  problems: string[];
}

/** Flattens nested objects to dotted keys: `{retries: {attempts: 5}}` → `{'retries.attempts': 5}`. */
export function flattenKeys(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const dotted = prefix ? `${prefix}.${key}` : key;
    if (
      inner !== null &&
      typeof inner === 'object' &&
      !Array.isArray(inner) &&
      !(inner instanceof Date)
    )
      Object.assign(out, flattenKeys(inner as Record<string, unknown>, dotted));
    else out[dotted] = inner;
  }
  return out;
}

/**
 * The environment's connection layers, one per `<NAME>` segment (the part before the first
 * `__`; `LAKE_PROD` names the connection `lake-prod` or `lake_prod` of the file, or `lake_prod`
 * when only the environment defines it). A variable without a key (`LAKESHORE_CONNECTIONS_X`)
 * goes to `stray`. Values are never part of a problem's text.
 */
export function readEnvironmentLayers(env: NodeJS.ProcessEnv): {
  layers: Map<string, EnvironmentLayer>;
  stray: string[];
} {
  const layers = new Map<string, EnvironmentLayer>();
  const stray: string[] = [];
  for (const [variable, text] of Object.entries(env)) {
    if (!variable.startsWith(environmentPrefix) || text === undefined) continue;
    const rest = variable.slice(environmentPrefix.length);
    const split = rest.indexOf('__');
    if (split <= 0 || split + 2 >= rest.length) {
      stray.push(
        `${variable} is not read: name a key, as ${environmentPrefix}<NAME>__<KEY> (e.g. ${environmentPrefix}LAKE__ACCOUNT_URL).`,
      );
      continue;
    }
    const envName = rest.slice(0, split).toUpperCase();
    const layer = layers.get(envName) ?? { envName, keys: {}, json: {}, problems: [] };
    layers.set(envName, layer);
    const path = rest
      .slice(split + 2)
      .split('__')
      .map((part) => part.toLowerCase());
    if (path.length === 1 && path[0] === 'json') {
      readJsonOverlay(variable, text, layer);
      continue;
    }
    const key = [keyAliases[path[0]!] ?? path[0]!, ...path.slice(1)].join('.');
    layer.keys[key] = coerceEnvironmentValue(key, text);
  }
  return { layers, stray };
}

function readJsonOverlay(variable: string, text: string, layer: EnvironmentLayer): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    // The parser's message may quote the text, which may hold a secret: only its position is kept.
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    layer.problems.push(
      `${variable} is not valid JSON${at ? ` (at character ${at})` : ''}; expected an object such as {"account_url":"https://…"}.`,
    );
    return;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    layer.problems.push(`${variable} must be a JSON object, such as {"read_only":true}.`);
    return;
  }
  layer.json = flattenKeys(parsed as Record<string, unknown>);
}

/** The environment's `<NAME>` segment for a connection name of the file: upper case, other characters as `_`. */
export const environmentNameOf = (name: string): string =>
  name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
