import { callTimeoutMs, type LakeClient } from '../../shared/contract/index.js';
import { withTimeout } from './withTimeout.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    lake?: LakeClient;
  }
}

/** The Electron transport: the preload's `window.lake`, with the contract's per-call deadline added. */
export function createIpcClient(lake: LakeClient): LakeClient {
  return {
    call: (name, args) => withTimeout(lake.call(name, args), callTimeoutMs[name], name),
    on: (event, listener) => lake.on(event, listener),
  };
}
