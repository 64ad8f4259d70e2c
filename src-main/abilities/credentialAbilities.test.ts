import { describe, expect, it } from 'vitest';
import {
  entraAbilities,
  keyAbilities,
  readOnlyAbilities,
  sasAbilities,
} from './credentialAbilities.js';
import { accountSasLetters, readSasGrant, serviceSasLetters } from './sasGrant.js';

const now = Date.parse('2026-12-02T00:00:00Z');
const later = '2026-12-10T00:00:00Z';
const https = 'https://acct.blob.core.windows.net';
const states = (a: ReturnType<typeof sasAbilities>) =>
  Object.fromEntries(Object.entries(a.abilities).map(([k, v]) => [k, v.state]));

/** The abilities of the SAS whose query is `query`, on `endpoint` (https by default), at `now`. */
const sas = (query: string, endpoint = https) => sasAbilities(readSasGrant(query)!, endpoint, now);

describe('readSasGrant', () => {
  const letterCases = [
    {
      type: 'account',
      url: `?sv=2022-11-02&ss=b&srt=sco&sp=rwdxylacuptfi&se=${later}&sig=abc`,
      letters: accountSasLetters,
      order: 'rwdxylacuptfi',
      names:
        'Read, Write, Delete, Delete version, Permanent delete, List, Add, Create, Update, ' +
        'Process, Tag, Filter, Set immutability policy',
      fields: { resourceTypes: 'sco', services: 'b', expiresAt: '2026-12-10T00:00:00.000Z' },
    },
    {
      type: 'service',
      url: `https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=racwdxyltfmeopi&st=2026-12-01T00:00:00Z&se=${later}&sip=10.0.0.1-10.0.0.9&spr=https&sig=abc`,
      letters: serviceSasLetters,
      order: 'racwdxyltfmeopi',
      names:
        'Read, Add, Create, Write, Delete, Delete version, Permanent delete, List, Tags, Find, ' +
        'Move, Execute, Ownership, Permissions, Set immutability policy',
      fields: {
        resource: 'c',
        startsAt: '2026-12-01T00:00:00.000Z',
        ipRange: '10.0.0.1-10.0.0.9',
        protocol: 'https',
      },
    },
  ] as const;

  it.each(letterCases)(
    'names every $type SAS letter and reads its other fields',
    ({ type, url, letters, order, names, fields }) => {
      const g = readSasGrant(url)!;
      expect(g.type).toBe(type);
      expect(g.permissionNames).toEqual(names.split(', '));
      expect(Object.keys(letters).join('')).toBe(order);
      expect(g).toMatchObject(fields);
    },
  );

  it('keeps a letter the SAS type does not define as unknown, and has nothing without sig', () => {
    expect(readSasGrant('sr=c&sp=rq&sig=x')!.permissionNames).toEqual(['Read', 'unknown (q)']);
    expect(readSasGrant('sv=2022-11-02&sp=r')).toBeUndefined();
  });
});

describe('sasAbilities', () => {
  it('maps l, r, w, d to list, read, write, delete, with the letter in the reason', () => {
    const a = sas(`sr=c&sp=rl&se=${later}&sig=x`);
    expect(states(a)).toEqual({
      list: 'allowed',
      read: 'allowed',
      write: 'denied',
      delete: 'denied',
      manageAcl: 'denied',
    });
    expect(a.abilities.write.reason).toBe('The SAS has no w (Write); it was signed with sp=rl.');
    expect(a.abilities.list.reason).toBe('The SAS has l (List).');
    expect(a.summary).toBe('Service SAS (sp=rl) until 2026-12-10T00:00:00.000Z');
    expect(a.warnings).toEqual([]);
  });

  it('gives ACLs to a service SAS with p, and leaves them unknown for an account SAS', () => {
    expect(sas(`sr=c&sp=rlp&se=${later}&sig=x`).abilities.manageAcl.state).toBe('allowed');
    expect(sas(`ss=b&srt=sco&sp=rwdlp&se=${later}&sig=x`).abilities.manageAcl.state).toBe(
      'unknown',
    );
  });

  it('needs the resource type of an account SAS: c to list blobs, o for blobs', () => {
    const a = sas(`ss=b&srt=s&sp=rwdl&se=${later}&sig=x`);
    expect(states(a)).toMatchObject({
      list: 'denied',
      read: 'denied',
      write: 'denied',
      delete: 'denied',
    });
    expect(a.abilities.read.reason).toBe('The SAS has no o in srt=s, needed to read blobs.');
    expect(states(sas(`ss=b&srt=c&sp=rl&se=${later}&sig=x`))).toMatchObject({
      list: 'allowed',
      read: 'denied',
    });
  });

  it('denies everything for another service, an expired or future SAS, and HTTPS-only on http', () => {
    const cases: [string, string, string][] = [
      [
        `ss=q&srt=sco&sp=rwdl&se=${later}&sig=x`,
        https,
        'The SAS is not for the Blob service (ss=q).',
      ],
      [
        'sr=c&sp=rwdl&se=2026-12-01T00:00:00Z&sig=x',
        https,
        'The SAS expired at 2026-12-01T00:00:00.000Z; get a new one.',
      ],
      [
        `sr=c&sp=rwdl&st=2026-12-05T00:00:00Z&se=${later}&sig=x`,
        https,
        'The SAS is not valid until 2026-12-05T00:00:00.000Z.',
      ],
      [
        `sr=c&sp=rwdl&spr=https&se=${later}&sig=x`,
        'http://127.0.0.1:10000/devstoreaccount1',
        'The SAS allows HTTPS only (spr=https), but this endpoint is http.',
      ],
    ];
    for (const [query, endpoint, reason] of cases) {
      const a = sas(query, endpoint);
      expect(Object.values(a.abilities).map((x) => x.reason)).toEqual(Array(5).fill(reason));
      expect(a.warnings[0]).toBe(reason);
    }
    expect(states(sas(`sr=c&sp=rl&spr=https,http&se=${later}&sig=x`, 'http://h')).list).toBe(
      'allowed',
    );
  });

  it('warns a day before expiry, and of an IP range', () => {
    const soon = sas('sr=c&sp=rl&se=2026-12-02T20:00:00Z&sip=1.2.3.4&sig=x');
    expect(soon.warnings).toEqual([
      'This SAS expires at 2026-12-02T20:00:00.000Z (in about 20 h); get a new one before then.',
      'The SAS works only from 1.2.3.4 (sip).',
    ]);
    expect(sas('sr=c&sp=rl&se=2026-12-03T00:00:01Z&sig=x').warnings).toEqual([]);
  });
});

describe('keys, Entra ID and read-only', () => {
  it('a key allows everything; Entra ID is unknown until its roles are known; read_only denies changes', () => {
    expect(
      Object.values(keyAbilities('Account key').abilities).every((a) => a.state === 'allowed'),
    ).toBe(true);
    expect(Object.values(entraAbilities().abilities).every((a) => a.state === 'unknown')).toBe(
      true,
    );
    const ro = readOnlyAbilities(keyAbilities('Account key'), 'Read-only in connections.toml.');
    expect(states({ ...ro, sas: undefined } as never)).toEqual({
      list: 'allowed',
      read: 'allowed',
      write: 'denied',
      delete: 'denied',
      manageAcl: 'denied',
    });
    expect(ro.abilities.delete.reason).toBe('Read-only in connections.toml.');
  });
});
