/** What the file list shows: a connection's container and a directory in it (`''` for the root). */
export interface BrowseLocation {
  connectionId: string;
  connectionName: string;
  container: string;
  directory: string;
}

/** The parent directory of `directory` (`''` for a top-level one). */
export const parentDirectory = (directory: string): string =>
  directory.slice(0, Math.max(0, directory.lastIndexOf('/')));

/** Tree item values: unique per node, readable in tests and logs. */
export const treeValue = {
  connection: (id: string) => `c:${id}`,
  container: (id: string, container: string) => `c:${id}/${container}`,
  directory: (id: string, container: string, path: string) => `c:${id}/${container}/${path}`,
};

/** The tree item value of the node a location shows. */
export const locationValue = (l: BrowseLocation): string =>
  l.directory === ''
    ? treeValue.container(l.connectionId, l.container)
    : treeValue.directory(l.connectionId, l.container, l.directory);
