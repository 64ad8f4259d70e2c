import { describe, expect, it } from 'vitest';
import { connectionStringAccount, normalizeEndpoint } from './connectionStringAccount.js';

describe('connectionStringAccount', () => {
  it.each([
    [
      'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net',
      { accountName: 'acct', blobEndpoint: 'https://acct.blob.core.windows.net' },
    ],
    [
      'AccountName=acct;AccountKey=a2V5',
      { accountName: 'acct', blobEndpoint: 'https://acct.blob.core.windows.net' },
    ],
    [
      'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn',
      { accountName: 'acct', blobEndpoint: 'https://acct.blob.core.chinacloudapi.cn' },
    ],
    [
      'BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1/;SharedAccessSignature=sv=1&sig=x',
      {
        accountName: 'devstoreaccount1',
        blobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1',
        sharedAccessSignature: 'sv=1&sig=x',
      },
    ],
    [
      'BlobEndpoint=https://acct.blob.core.windows.net;SharedAccessSignature=sv=1&sig=x=',
      {
        accountName: 'acct',
        blobEndpoint: 'https://acct.blob.core.windows.net',
        sharedAccessSignature: 'sv=1&sig=x=',
      },
    ],
    [
      'UseDevelopmentStorage=true',
      { accountName: 'devstoreaccount1', blobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1' },
    ],
  ])('reads %s', (connectionString, expected) => {
    expect(connectionStringAccount(connectionString)).toEqual(expected);
  });

  it('names nothing for a string without an account or endpoint', () => {
    expect(connectionStringAccount('AccountKey=a2V5;nonsense')).toBeUndefined();
  });

  it('normalizes spellings of one endpoint alike and keeps other ports apart', () => {
    expect(normalizeEndpoint('HTTPS://Acct.Blob.Core.Windows.Net:443/')).toBe(
      normalizeEndpoint('https://acct.blob.core.windows.net'),
    );
    expect(normalizeEndpoint('http://127.0.0.1:10000/devstoreaccount1')).not.toBe(
      normalizeEndpoint('http://127.0.0.1:10001/devstoreaccount1'),
    );
  });
});
