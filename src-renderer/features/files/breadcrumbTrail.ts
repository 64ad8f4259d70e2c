import type { BrowseLocation } from '../shell/location.js';

/** One crumb: its label and where it opens; no `target`: shown, but not a link. */
export interface Crumb {
  label: string;
  target?: BrowseLocation;
}

/**
 * connection › container › each directory segment of `location`. A connection attached to a
 * folder (`root`, no `/` at either end; `''` for a whole container or account) reaches nothing
 * above it (the service refuses those listings), so the container and the folders above `root`
 * are crumbs without a target, like the connection's own.
 */
export function breadcrumbTrail(location: BrowseLocation, root = ''): Crumb[] {
  const segments = location.directory === '' ? [] : location.directory.split('/');
  const reachable = (directory: string) =>
    root === '' || directory === root || directory.startsWith(`${root}/`);
  const crumb = (label: string, directory: string): Crumb =>
    reachable(directory) ? { label, target: { ...location, directory } } : { label };
  return [
    { label: location.connectionName },
    crumb(location.container, ''),
    ...segments.map((s, i) => crumb(s, segments.slice(0, i + 1).join('/'))),
  ];
}
