import { randomUUID } from 'node:crypto';
import type { AppInfo, Settings } from '../../shared/contract/index.js';
import type { ServiceObservability } from '../observability/serviceObservability.js';
import { toLakeError } from '../storage/toLakeError.js';
import type { Handlers } from './dispatch.js';

/** What the observability calls need from the rest of the service. */
interface ObservabilitySources {
  observability: ServiceObservability;
  settings: () => Promise<Settings>;
  info: () => Promise<AppInfo>;
}

/**
 * `activity.list`, `diagnostics.summary` and `diagnostics.export` (into the download folder,
 * with the app's info as `about.json`).
 */
export function createObservabilityHandlers({
  observability,
  settings,
  info,
}: ObservabilitySources): Pick<
  Handlers,
  'activity.list' | 'diagnostics.summary' | 'diagnostics.export'
> {
  return {
    'activity.list': async (query) => observability.listActivity(query),
    'diagnostics.summary': () => observability.summary(),
    'diagnostics.export': async () =>
      observability.exportTo((await settings()).downloadDirectory, await info()),
  };
}

/**
 * `signIn` wrapped so each Entra ID sign-in is one activity entry (area `auth`, operation
 * `signIn`) with its duration and outcome; the tenant is the target, never a token.
 */
export function recordedSignIn(
  observability: ServiceObservability,
  signIn: Handlers['auth.signIn'],
): Handlers['auth.signIn'] {
  return async (args) => {
    const started = Date.now();
    const base = {
      id: randomUUID(),
      at: new Date(started).toISOString(),
      connection: '',
      area: 'auth' as const,
      operation: 'signIn',
      account: '',
      container: '',
      path: args.tenant ?? 'organizations',
      method: args.flow,
      url: '',
      attempts: 1,
    };
    try {
      const account = await signIn(args);
      observability.record({
        ...base,
        account: account.username,
        outcome: 'ok',
        durationMs: Date.now() - started,
      });
      return account;
    } catch (e) {
      const error = toLakeError(e);
      observability.record({
        ...base,
        outcome: error.code === 'Cancelled' ? 'cancelled' : 'failed',
        durationMs: Date.now() - started,
        errorCode: error.code,
        message: error.message,
      });
      throw e;
    }
  };
}
