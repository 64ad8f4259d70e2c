/**
 * The expiry (`se`) of a SAS URL or token, or `undefined` when it has none or is unreadable.
 * `se` is an ISO 8601 UTC time (https://learn.microsoft.com/rest/api/storageservices/create-account-sas#specify-the-expiry-time).
 */
export function sasExpiry(urlOrQuery: string): Date | undefined {
  const query = urlOrQuery.includes('?')
    ? urlOrQuery.slice(urlOrQuery.indexOf('?') + 1)
    : urlOrQuery;
  const se = new URLSearchParams(query).get('se');
  if (!se) return undefined;
  const at = new Date(se);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
