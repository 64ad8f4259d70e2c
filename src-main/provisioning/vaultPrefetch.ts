import { environmentPrefix } from './environmentOverlay.js';

/** A `secret://keyvault/<vault>/<name>[/<version>]` reference as written in a file or a variable. */
const keyVaultReference =
  /secret:\/\/keyvault\/([A-Za-z0-9.:-]+)\/[0-9A-Za-z-]+(?:\/[0-9A-Fa-f]{32})?/g;

/**
 * The first `secret://keyvault/` reference of each vault in `text` (a connections.toml, its
 * comment lines skipped) and in the values of `env`'s `LAKESHORE_CONNECTIONS_` variables, in
 * that order. Found by their pattern, before the file is parsed: a start asks for these at
 * once, so that while the configuration is parsed and checked each vault's challenge round
 * trip, token and TLS session are under way, and the rest of its secrets then go out together.
 */
export function firstVaultReferences(text: string | undefined, env: NodeJS.ProcessEnv): string[] {
  const sources = [
    ...(text ?? '').split('\n').filter((line) => !line.trimStart().startsWith('#')),
    ...Object.entries(env).flatMap(([name, value]) =>
      name.startsWith(environmentPrefix) && value ? [value] : [],
    ),
  ];
  const byVault = new Map<string, string>();
  for (const source of sources) {
    for (const [reference, vault] of source.matchAll(keyVaultReference)) {
      const key = vault!.toLowerCase();
      if (!byVault.has(key)) byVault.set(key, reference);
    }
  }
  return [...byVault.values()];
}
