import { describe, expect, it } from 'vitest';
import {
  buildConnectionConfig,
  connectionConfigPath,
  type ProvisionedEntry,
} from './connectionConfig.js';

const file = '/cfg/connections.toml';
const entry = (entries: ProvisionedEntry[], name: string) => {
  const found = entries.find((e) => e.name === name);
  if (!found) throw new Error(`no entry ${name}`);
  return found;
};
const valid = (entries: ProvisionedEntry[], name: string) => {
  const found = entry(entries, name);
  if (found.status !== 'valid') throw new Error(`${name} is invalid: ${found.reasons.join('; ')}`);
  return found.settings;
};

const toml = `
[connections.lake]
account_url = "https://lakeacct.blob.core.windows.net"
account_key = "secret://env/LAKE_KEY"
read_only = true

[connections.lake.retries]
attempts = 5

[connections.lake.timeouts]
operation_s = 30
`;

describe('provisioned connection precedence', () => {
  it('fills built-in defaults under what the file sets', () => {
    const s = valid(buildConnectionConfig(file, toml, {}).entries, 'lake');
    expect(s['retries.attempts']).toBe(5);
    expect(s['retries.backoff_ms']).toBe(500);
    expect(s['timeouts.operation_s']).toBe(30);
    expect(s['timeouts.connect_s']).toBe(15);
    expect(s.read_only).toBe(true);
    expect(s.use_default_credentials).toBe(false);
    expect(s.account_key).toBe('secret://env/LAKE_KEY');
  });

  it('lets the environment beat the file, nested keys joined by __, typed by the key', () => {
    const s = valid(
      buildConnectionConfig(file, toml, {
        LAKESHORE_CONNECTIONS_LAKE__RETRIES__ATTEMPTS: '7',
        LAKESHORE_CONNECTIONS_LAKE__READ_ONLY: 'FALSE',
        LAKESHORE_CONNECTIONS_LAKE__TIMEOUTS__CONNECT_S: '2.5',
      }).entries,
      'lake',
    );
    expect(s['retries.attempts']).toBe(7);
    expect(s.read_only).toBe(false);
    expect(s['timeouts.connect_s']).toBe(2.5);
    expect(s['timeouts.operation_s']).toBe(30);
  });

  it('lets the JSON overlay beat both the file and the single-key variables', () => {
    const s = valid(
      buildConnectionConfig(file, toml, {
        LAKESHORE_CONNECTIONS_LAKE__RETRIES__ATTEMPTS: '7',
        LAKESHORE_CONNECTIONS_LAKE__JSON: '{"retries":{"attempts":9},"read_only":false}',
      }).entries,
      'lake',
    );
    expect(s['retries.attempts']).toBe(9);
    expect(s.read_only).toBe(false);
    expect(s['timeouts.operation_s']).toBe(30);
  });

  it('defines a connection from the environment alone, with the CONN_STR and DSN aliases', () => {
    const config = buildConnectionConfig(file, undefined, {
      LAKESHORE_CONNECTIONS_ANALYTICS_PROD__CONN_STR: 'secret://env/CS',
      LAKESHORE_CONNECTIONS_BACKUP__DSN: 'secret://file//run/cs',
    });
    expect(entry(config.entries, 'analytics_prod').source).toBe('environment');
    expect(valid(config.entries, 'analytics_prod').connection_string).toBe('secret://env/CS');
    expect(valid(config.entries, 'backup').connection_string).toBe('secret://file//run/cs');
  });

  it('overlays a file entry whose name has "-" through its upper-case _ form, keeping the source "file"', () => {
    const config = buildConnectionConfig(
      file,
      '[connections.lake-prod]\naccount_url = "https://a.blob.core.windows.net"\nsas_token = "sv=x&sig=y"\n',
      { LAKESHORE_CONNECTIONS_LAKE_PROD__READ_ONLY: 'true' },
    );
    expect(config.entries).toHaveLength(1);
    expect(entry(config.entries, 'lake-prod').source).toBe('file');
    expect(valid(config.entries, 'lake-prod').read_only).toBe(true);
  });
});

describe('invalid entries', () => {
  it('names an unknown key and keeps loading the others', () => {
    const config = buildConnectionConfig(
      file,
      `${toml}\n[connections.typo]\naccount_url = "https://b.blob.core.windows.net"\nacount_key = "x"\n`,
      {},
    );
    const typo = entry(config.entries, 'typo');
    expect(typo.status).toBe('invalid');
    expect(typo.status === 'invalid' && typo.reasons[0]).toMatch(
      /^unknown key "acount_key" \(known keys: connection_string, /,
    );
    expect(valid(config.entries, 'lake').account_url).toBe(
      'https://lakeacct.blob.core.windows.net',
    );
  });

  it('reports a malformed JSON overlay without quoting it', () => {
    const config = buildConnectionConfig(file, toml, {
      LAKESHORE_CONNECTIONS_LAKE__JSON: '{"account_key": "s3cr3t-value",}',
    });
    const lake = entry(config.entries, 'lake');
    expect(lake.status).toBe('invalid');
    const text = lake.status === 'invalid' ? lake.reasons.join(' ') : '';
    expect(text).toMatch(/^LAKESHORE_CONNECTIONS_LAKE__JSON is not valid JSON/);
    expect(text).not.toContain('s3cr3t');
  });

  it('names the key and what it expected for a value of the wrong type', () => {
    const config = buildConnectionConfig(file, toml, {
      LAKESHORE_CONNECTIONS_LAKE__RETRIES__ATTEMPTS: 'many',
    });
    const lake = entry(config.entries, 'lake');
    expect(lake.status === 'invalid' && lake.reasons).toEqual([
      'retries.attempts: must be a whole number',
    ]);
  });

  it('says where a TOML file is broken and still loads the environment-only connections', () => {
    const config = buildConnectionConfig(file, '[connections.lake\naccount_url = 1', {
      LAKESHORE_CONNECTIONS_ENVONLY__ACCOUNT_URL: 'https://c.blob.core.windows.net',
      LAKESHORE_CONNECTIONS_ENVONLY__USE_DEFAULT_CREDENTIALS: 'true',
    });
    expect(config.problems[0]).toMatch(
      /^\/cfg\/connections\.toml is not valid TOML at line 1, column \d+/,
    );
    expect(valid(config.entries, 'envonly').use_default_credentials).toBe(true);
  });

  it('lists unknown top-level tables and variables without a key as problems', () => {
    const config = buildConnectionConfig(file, '[conections.x]\na = 1\n', {
      LAKESHORE_CONNECTIONS_LONELY: 'x',
    });
    expect(config.problems).toEqual([
      '/cfg/connections.toml has an unknown top-level key "conections" (known: [connections.<name>], [secrets]).',
      'LAKESHORE_CONNECTIONS_LONELY is not read: name a key, as LAKESHORE_CONNECTIONS_<NAME>__<KEY> (e.g. LAKESHORE_CONNECTIONS_LAKE__ACCOUNT_URL).',
    ]);
  });

  it('reads the secret cache lifetime, 15 minutes by default', () => {
    expect(buildConnectionConfig(file, undefined, {}).secretCacheTtlMs).toBe(900_000);
    expect(buildConnectionConfig(file, '[secrets]\ncache_ttl_s = 60\n', {}).secretCacheTtlMs).toBe(
      60_000,
    );
  });
});

describe('connectionConfigPath', () => {
  it('is LAKESHORE_CONFIG when set, else connections.toml in the data folder', () => {
    expect(connectionConfigPath('/data/Lakeshore', {})).toBe('/data/Lakeshore/connections.toml');
    expect(connectionConfigPath('/data/Lakeshore', { LAKESHORE_CONFIG: '/etc/lake.toml' })).toBe(
      '/etc/lake.toml',
    );
  });
});
