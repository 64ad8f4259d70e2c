import type { Connections } from '../connections/connections.js';
import { checkAccess } from '../namespace/checkAccess.js';
import {
  getAccessControl,
  setAccessControl,
  updateAccessControlRecursive,
} from '../namespace/accessControl.js';
import {
  containerProperties,
  createContainer,
  deleteContainer,
} from '../namespace/containerOps.js';
import { pasteCopy, refuseNamesInTheWay } from '../namespace/pasteCopy.js';
import { createDirectory } from '../namespace/createDirectory.js';
import { deletePaths } from '../namespace/deletePaths.js';
import { folderStats } from '../namespace/folderStats.js';
import { listHnsDirectory } from '../namespace/listHnsDirectory.js';
import type { NamespaceTargets } from '../namespace/namespaceTargets.js';
import type { OperationRunner } from '../namespace/operationRunner.js';
import { pathProperties, setPathProperties } from '../namespace/pathProperties.js';
import { renamePath } from '../namespace/renamePath.js';
import { listDeleted, undeleteBlobs } from '../namespace/softDelete.js';
import { listDirectory } from '../storage/listDirectory.js';
import type { Handlers } from './dispatch.js';

type NamespaceCalls =
  | 'accounts.describe'
  | 'containers.create'
  | 'containers.delete'
  | 'containers.properties'
  | 'paths.list'
  | 'paths.createDirectory'
  | 'paths.rename'
  | 'paths.delete'
  | 'paths.copy'
  | 'paths.stats'
  | 'paths.properties'
  | 'paths.setProperties'
  | 'paths.getAccessControl'
  | 'paths.setAccessControl'
  | 'paths.updateAccessControlRecursive'
  | 'paths.checkAccess'
  | 'paths.listDeleted'
  | 'paths.undelete'
  | 'operations.cancel';

const describeItems = (paths: readonly { path: string }[]): string =>
  paths.length === 1 ? paths[0]!.path : `${paths.length} items`;

/**
 * The calls that browse and change a container's namespace: HNS accounts get the DFS
 * operations (real directories, atomic rename, ACLs), flat accounts the Blob fallbacks.
 * Long operations run under the caller's operation id in `operations`, which reports
 * progress and cancels them.
 */
export function createNamespaceHandlers(
  connections: Connections,
  targets: NamespaceTargets,
  operations: OperationRunner,
): Pick<Handlers, NamespaceCalls> {
  return {
    'accounts.describe': ({ connectionId }) => targets.describe(connectionId),
    'containers.create': async ({ connectionId, container }) => {
      await createContainer(await connections.access(connectionId), container);
      return null;
    },
    'containers.delete': async ({ connectionId, container }) => {
      await deleteContainer(await connections.access(connectionId), container);
      return null;
    },
    'containers.properties': async ({ connectionId, container }) =>
      containerProperties(await connections.access(connectionId), container),
    'paths.list': async ({ connectionId, container, directory, pageSize, continuationToken }) => {
      const target = await targets.open(connectionId, container);
      const page = {
        pageSize: pageSize ?? 5000,
        ...(continuationToken ? { continuationToken } : {}),
      };
      return target.namespace === 'hns'
        ? listHnsDirectory(target.access.fileSystem(container), directory, page)
        : listDirectory(target.access.container(container), directory, page);
    },
    'paths.createDirectory': async ({ connectionId, container, path }) => {
      await createDirectory(await targets.open(connectionId, container), path);
      return null;
    },
    'paths.rename': async ({ connectionId, container, source, destination, operationId }) => {
      const target = await targets.open(connectionId, container);
      const moved = await operations.run(
        operationId,
        'rename',
        `Moving ${source.path} to ${destination}`,
        (context) => renamePath(target, source, destination, context),
      );
      return { moved };
    },
    'paths.delete': async ({ connectionId, container, paths, operationId }) => {
      const target = await targets.open(connectionId, container);
      return operations.run(operationId, 'delete', `Deleting ${describeItems(paths)}`, (context) =>
        deletePaths(target, paths, context),
      );
    },
    'paths.copy': async ({ source, destination, keepAcls, existing, operationId }) => {
      const from = await targets.open(source.connectionId, source.container);
      const to = await targets.open(destination.connectionId, destination.container);
      // Names in the way are refused before the operation starts: nothing copied, nothing to list.
      if ((existing ?? 'fail') === 'fail')
        await refuseNamesInTheWay(source.paths, { ...to, directory: destination.directory });
      return operations.run(
        operationId,
        'copy',
        `Copying ${describeItems(source.paths)} to ${destination.container}/${destination.directory}`,
        (context) =>
          pasteCopy(from, source.paths, { ...to, directory: destination.directory }, context, {
            keepAcls: keepAcls ?? false,
            existing: existing ?? 'fail',
          }),
      );
    },
    'paths.stats': async ({ connectionId, container, directory, operationId }) => {
      const target = await targets.open(connectionId, container);
      return operations.run(operationId, 'count', `Counting ${directory || container}`, (context) =>
        folderStats(target, directory, context),
      );
    },
    'paths.properties': async ({ connectionId, container, path, kind }) =>
      pathProperties(await targets.open(connectionId, container), { path, kind }),
    'paths.setProperties': async ({ connectionId, container, path, contentType, metadata }) => {
      await setPathProperties(await targets.open(connectionId, container), path, {
        ...(contentType !== undefined ? { contentType } : {}),
        ...(metadata !== undefined ? { metadata } : {}),
      });
      return null;
    },
    'paths.getAccessControl': async ({ connectionId, container, path }) =>
      getAccessControl(await targets.open(connectionId, container), path),
    'paths.setAccessControl': async ({ connectionId, container, path, owner, group, acl }) => {
      await setAccessControl(await targets.open(connectionId, container), path, {
        ...(owner !== undefined ? { owner } : {}),
        ...(group !== undefined ? { group } : {}),
        ...(acl !== undefined ? { acl } : {}),
      });
      return null;
    },
    'paths.updateAccessControlRecursive': async (args) => {
      const target = await targets.open(args.connectionId, args.container);
      const title = `${args.dryRun ? 'Checking' : 'Updating'} ACLs below ${args.path || args.container}`;
      return operations.run(args.operationId, 'acl', title, (context) =>
        updateAccessControlRecursive(target, args.path, args, context),
      );
    },
    'paths.checkAccess': async ({ connectionId, container, path, principal, principalKind }) =>
      checkAccess(await targets.open(connectionId, container), path, principal, principalKind),
    'paths.listDeleted': async ({ connectionId, container, directory }) =>
      listDeleted(await targets.open(connectionId, container), directory),
    'paths.undelete': async ({ connectionId, container, paths }) => ({
      restored: await undeleteBlobs(await targets.open(connectionId, container), paths),
    }),
    'operations.cancel': async ({ operationId }) => {
      operations.cancel(operationId);
      return null;
    },
  };
}
