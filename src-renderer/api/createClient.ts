import { wsPath, wsTokenParam, type LakeClient } from '../../shared/contract/index.js';
import { createIpcClient } from './ipcTransport.js';
import { createWsClient } from './wsTransport.js';

const tokenKey = 'lakeshore.token';

/**
 * Browser mode's per-run token (also sent when staging dropped files): read from the URL fragment (`#token=…`), kept in
 * sessionStorage so a reload works, and removed from the visible URL.
 */
export function takeToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get(wsTokenParam);
  if (fromHash) {
    sessionStorage.setItem(tokenKey, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(tokenKey) ?? '';
}

/** Picks the transport once at start: Electron's preload when present, else the loopback WebSocket. */
export function createClient(): LakeClient {
  if (window.lake) return createIpcClient(window.lake);
  const url = `ws://${window.location.host}${wsPath}?${wsTokenParam}=${encodeURIComponent(takeToken())}`;
  return createWsClient(url, WebSocket);
}
