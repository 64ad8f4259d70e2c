import { z } from 'zod';

/**
 * The keys a provisioned connection may set, declared once: the TOML file, the environment
 * overlay's coercion, the zod schema, the defaults and the list of secret fields (which take
 * `secret://` references and are redacted) all derive from this table. Dotted keys are nested
 * tables in TOML (`[connections.lake.retries] attempts = 5`) and `__` in the environment
 * (`LAKESHORE_CONNECTIONS_LAKE__RETRIES__ATTEMPTS=5`).
 */
export const connectionKeys = {
  connection_string: { type: 'secret', help: 'a storage connection string' },
  account_url: {
    type: 'url',
    help: 'https://<account>.blob.core.windows.net[/<container>] (or the dfs form)',
  },
  account_name: { type: 'text', help: 'the account name, for https://<name>.blob.<suffix>' },
  account_key: { type: 'secret', help: 'the base64 shared key (with account_url or account_name)' },
  sas_token: { type: 'secret', help: 'a SAS token (sv=…&sig=…), with account_url' },
  use_default_credentials: {
    type: 'boolean',
    help: "Azure's DefaultAzureCredential (environment, managed identity, Azure CLI)",
  },
  tenant_id: { type: 'text', help: 'the tenant of a service principal (with client_id)' },
  client_id: { type: 'text', help: 'a service principal (application) id' },
  client_secret: { type: 'secret', help: "the service principal's secret" },
  read_only: { type: 'boolean', help: 'refuse every write, rename and delete' },
  'retries.attempts': { type: 'integer', min: 1, max: 20, help: 'tries per request' },
  'retries.backoff_ms': {
    type: 'integer',
    min: 0,
    max: 60_000,
    help: 'delay before the first retry (ms)',
  },
  'timeouts.connect_s': {
    type: 'number',
    min: 0.1,
    max: 600,
    help: 'deadline of the first test request (s)',
  },
  'timeouts.operation_s': {
    type: 'number',
    min: 0.1,
    max: 3600,
    help: 'deadline of each request try (s)',
  },
} as const satisfies Record<string, KeySpec>;

/** How a key's value is read: `secret` is a literal or a `secret://` reference. */
export type KeySpec =
  | { type: 'secret' | 'text' | 'url' | 'boolean'; help: string }
  | { type: 'integer' | 'number'; min: number; max: number; help: string };

export type ConnectionKey = keyof typeof connectionKeys;

/** The keys that hold secrets (or references to them). */
export const secretKeys = (Object.keys(connectionKeys) as ConnectionKey[]).filter(
  (key) => connectionKeys[key].type === 'secret',
);

/** The values used when no layer sets a key. */
export const connectionDefaults = {
  read_only: false,
  use_default_credentials: false,
  'retries.attempts': 3,
  'retries.backoff_ms': 500,
  'timeouts.connect_s': 15,
  'timeouts.operation_s': 60,
} as const satisfies Partial<Record<ConnectionKey, unknown>>;

const valueSchema = (spec: KeySpec) => {
  switch (spec.type) {
    case 'secret':
    case 'text':
      return z.string().trim().min(1, 'must not be empty');
    case 'url':
      return z.url({ protocol: /^(https?|abfss?)$/, error: 'must be an http(s) or abfss URL' });
    case 'boolean':
      return z.boolean({ error: 'must be true or false' });
    case 'integer':
      return z
        .number({ error: 'must be a whole number' })
        .int('must be a whole number')
        .min(spec.min, `must be at least ${spec.min}`)
        .max(spec.max, `must be at most ${spec.max}`);
    case 'number':
      return z
        .number({ error: 'must be a number' })
        .min(spec.min, `must be at least ${spec.min}`)
        .max(spec.max, `must be at most ${spec.max}`);
  }
};

/** One provisioned connection's settings after all layers, flat dotted keys, defaults filled in. */
export const connectionSettingsSchema = z.strictObject({
  ...(Object.fromEntries(
    Object.entries(connectionKeys).map(([key, spec]) => [key, valueSchema(spec).optional()]),
  ) as { [K in ConnectionKey]: z.ZodOptional<ReturnType<typeof valueSchema>> }),
});

/** The merged settings of one connection, keyed as in `connectionKeys`. */
export type ConnectionSettings = {
  [K in ConnectionKey]?: (typeof connectionKeys)[K]['type'] extends 'boolean'
    ? boolean
    : (typeof connectionKeys)[K]['type'] extends 'integer' | 'number'
      ? number
      : string;
} & {
  [K in keyof typeof connectionDefaults]: (typeof connectionDefaults)[K] extends boolean
    ? boolean
    : number;
};

/**
 * Validates merged flat settings (`defaults < file < environment < JSON overlay` already
 * applied). Returns the settings, or the reasons it is invalid, one per key
 * (`unknown key "acount_key"`, `retries.attempts: must be a whole number`).
 */
export function validateConnectionSettings(
  flat: Record<string, unknown>,
): { ok: true; settings: ConnectionSettings } | { ok: false; reasons: string[] } {
  const parsed = connectionSettingsSchema.safeParse({ ...connectionDefaults, ...flat });
  if (parsed.success) return { ok: true, settings: parsed.data as ConnectionSettings };
  const reasons = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map(
          (key) => `unknown key "${key}" (known keys: ${Object.keys(connectionKeys).join(', ')})`,
        )
      : [`${issue.path.join('.')}: ${issue.message}`],
  );
  return { ok: false, reasons };
}

/**
 * An environment variable's text as the key's type: `true`/`false` (any case) for booleans, a
 * number for numeric keys; text the type cannot take is kept as text, so validation names the
 * key and what it expected. Unknown keys keep their text.
 */
export function coerceEnvironmentValue(key: string, text: string): unknown {
  const spec = (connectionKeys as Record<string, KeySpec>)[key];
  if (!spec) return text;
  if (spec.type === 'boolean') {
    const lower = text.trim().toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : text;
  }
  if (spec.type === 'integer' || spec.type === 'number') {
    const n = Number(text.trim());
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  return text;
}
