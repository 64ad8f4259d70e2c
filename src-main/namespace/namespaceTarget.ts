import type { AccountAccess } from '../storage/accountAccess.js';

/** A container of an opened account and whether that account has a hierarchical namespace. */
export interface NamespaceTarget {
  access: AccountAccess;
  container: string;
  namespace: 'hns' | 'flat';
}

/** The parent directory of a full path (`''` for a top-level name). */
export const parentOf = (path: string): string =>
  path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';

/** Whether `path` is `directory` itself or inside it. */
export const isWithin = (path: string, directory: string): boolean =>
  directory === '' || path === directory || path.startsWith(`${directory}/`);
