/**
 * The one place that knows what a secret looks like, for the logs, the activity log, traces
 * and the diagnostics export: pino's redact paths for fields that hold one, and a scrubber
 * for values (URLs, connection strings, SDK log lines) that carry one inside.
 */

/** What replaces a secret. */
export const redactedMark = 'REDACTED';

/**
 * Field names whose whole value is a secret, as pino redact paths (https://getpino.io/#/docs/redaction):
 * account keys, connection strings, SAS tokens, client secrets, bearer tokens and headers that carry them,
 * at the top level and one level down.
 */
const secretFields = [
  'accountKey',
  'connectionString',
  'sas',
  'sasToken',
  'clientSecret',
  'client_secret',
  'password',
  'accessToken',
  'refreshToken',
  'authorization',
  'Authorization',
  'token',
];

/** `secretFields` as pino redact paths: `field`, `*.field` and `*.headers.field`. */
export const redactPaths: string[] = secretFields.flatMap((f) => [f, `*.${f}`, `*.headers.${f}`]);

/**
 * Secrets inside values: a SAS signature (`sig=`), an account key or SAS in a connection string
 * (https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string), an
 * Entra ID client secret or assertion in a form body, a bearer token, and the values of
 * `--sas` / `--connection-string` / `--client-secret` written with `=`.
 */
const secretPatterns: Array<[RegExp, string]> = [
  [/([?&;]sig=)[^&;\s"']+/gi, `$1${redactedMark}`],
  [/(AccountKey=)[^;\s"']+/gi, `$1${redactedMark}`],
  [/(SharedAccessSignature=)[^;\s"']+/gi, `$1${redactedMark}`],
  [
    /((?:^|[?&\s])(?:client_secret|client_assertion|refresh_token|code)=)[^&\s"']+/gi,
    `$1${redactedMark}`,
  ],
  [/(Bearer\s+)[\w.~+/=-]+/gi, `$1${redactedMark}`],
  [/(--(?:sas|connection-string|client-secret)=)\S+/gi, `$1${redactedMark}`],
];

/** `text` with every secret `secretPatterns` knows replaced by `REDACTED`. */
export const redactSecrets = (text: string): string =>
  secretPatterns.reduce((t, [pattern, by]) => t.replace(pattern, by), text);

/** `argv` for the log: secrets redacted, and the whole value after `--sas`, `--connection-string` or `--client-secret`. */
export function redactArgv(argv: readonly string[]): string[] {
  return argv.map((arg, i) =>
    ['--sas', '--connection-string', '--client-secret'].includes(argv[i - 1] ?? '')
      ? redactedMark
      : redactSecrets(arg),
  );
}

/**
 * `value` with every string in it scrubbed (`redactSecrets`) and every field named in
 * `secretFields` replaced, to any depth: for what is written outside pino (the diagnostics
 * export's settings and activity).
 */
export function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (Array.isArray(value)) return value.map(scrubValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        secretFields.includes(k) ? redactedMark : scrubValue(v),
      ]),
    );
  }
  return value;
}

/**
 * The pino options every Lakeshore logger takes: fields named as secrets replaced by pino's
 * redact paths (https://getpino.io/#/docs/redaction), every other field's strings scrubbed by
 * the `log` formatter, and string arguments (messages) scrubbed by the `logMethod` hook.
 */
export const pinoRedaction = {
  redact: { paths: redactPaths, censor: redactedMark },
  formatters: {
    log: (object: Record<string, unknown>) => scrubValue(object) as Record<string, unknown>,
  },
  hooks: {
    logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
      method.apply(
        this,
        args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)),
      );
    },
  },
};
