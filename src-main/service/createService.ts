import { mkdirSync } from 'node:fs';
import type { ActivityEntry, JobSummary } from '../../shared/contract/index.js';
import { storageScope } from '../auth/azureEnvironments.js';
import type { SecretCipher } from '../auth/secretVault.js';
import { createAuth } from './authHandlers.js';
import { createConnectionStore } from '../connections/connectionStore.js';
import { createConnections } from '../connections/connections.js';
import { defaultAzureCredential } from '../connections/defaultCredentialConnection.js';
import { connectionConfigPath } from '../provisioning/connectionConfig.js';
import { keyVaultIdentity } from '../provisioning/keyVaultIdentity.js';
import { createKeyVaultReader } from '../provisioning/keyVaultSecrets.js';
import { createProvisionedConnections } from '../provisioning/provisionedConnections.js';
import { keyVaultSuffix } from '../provisioning/secretReference.js';
import { createDiscovery } from '../discovery/discoveredConnections.js';
import type { NodeScriptRunner } from '../emulator/azurite.js';
import { createEmulatorSupervisor } from '../emulator/emulatorSupervisor.js';
import { dispatchCall, type Handlers } from './dispatch.js';
import { createEventBus } from './eventBus.js';
import { createNamespaceHandlers } from './namespaceHandlers.js';
import { createNamespaceTargets } from '../namespace/namespaceTargets.js';
import { createOperationRunner } from '../namespace/operationRunner.js';
import { createPreviewHandlers } from './previewHandlers.js';
import { createConvertFolderHandler } from './convertFolder.js';
import { createConvertRunner } from './convertRunner.js';
import { createQueryHandlers, createQueryRuntime } from './queryHandlers.js';
import { createDeltaHandlers, deltaRunner } from './deltaHandlers.js';
import { createFinishAnnouncer } from './finishAnnouncer.js';
import { createOpener, type OpenPath } from './openWithDefaultApp.js';
import { createDragOut, type StartDrag } from './dragOut.js';
import { createTransferHandlers, type ShowItemInFolder } from './transferHandlers.js';
import { guardReadOnly } from './readOnlyGuard.js';
import { createObservabilityHandlers, recordedSignIn } from './observabilityHandlers.js';
import { createServiceObservability } from '../observability/serviceObservability.js';
import { createTransferEngine, type TransferEngine } from '../transfers/createTransferEngine.js';
import { dataFolders } from '../platform/dataFolders.js';
import { listLocalFolders } from '../platform/listLocalFolders.js';
import { createSettingsStore } from '../settings/settingsStore.js';
import { delegationSasUrl } from '../storage/delegationSas.js';
import { failWith, toLakeError } from '../storage/toLakeError.js';
import { resolveDownloadsDir } from '../platform/downloadsDir.js';
import type { LakeService } from './types.js';

export interface ServiceOptions {
  /** The app's data folder (settings, saved connections, emulator data). Created if missing. */
  dataDir: string;
  /** How secrets are sealed at rest. */
  cipher: SecretCipher;
  mode: 'electron' | 'browser';
  version: string;
  /** Blobs in the emulator's `samples/many/` on first seeding; default 10,000. */
  sampleManyCount?: number;
  /** Where downloads go by default; the OS's Downloads folder when absent. */
  downloadDirectory?: string;
  /** Opens a local file with its default app (the desktop host's `shell.openPath`); absent in browser mode. */
  openPath?: OpenPath;
  /** The OS's folder dialog (the desktop host's `dialog.showOpenDialog`); resolves to `null` when cancelled. Absent in browser mode. */
  pickFolder?: (title?: string) => Promise<string | null>;
  /** Shows a finished download in the OS file manager (the desktop host's `shell.showItemInFolder`). Absent in browser mode. */
  showItemInFolder?: ShowItemInFolder;
  /** Hands local files to the OS as a native drag (the desktop host's `webContents.startDrag`). Absent in browser mode. */
  startDrag?: StartDrag;
  /**
   * Opens the Microsoft Entra ID sign-in page in the system browser (the desktop host's
   * `shell.openExternal`). Absent in browser mode, where the window opens it in a new tab.
   */
  openBrowser?: (url: string) => void | Promise<void>;
  /** Where the custom cloud and the client id come from; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** How the embedded Azurite's script is started: the desktop host's utility process; default a Node child. */
  runNodeScript?: NodeScriptRunner;
}

/** Builds the service every host binds: the contract's handlers over saved connections and the embedded emulator. */
export function createService(options: ServiceOptions): LakeService {
  mkdirSync(options.dataDir, { recursive: true });
  const events = createEventBus();
  const observability = createServiceObservability({
    dataDir: options.dataDir,
    version: options.version,
    ...(options.env ? { env: options.env } : {}),
  });
  const activity = (level: ActivityEntry['level'], message: string) =>
    events.emit('activity', { level, message, at: new Date().toISOString() });
  const emulator = createEmulatorSupervisor({
    dataDir: options.dataDir,
    log: (message) => activity('info', message),
    onSeeding: (event) => events.emit('emulator.seeding', event),
    ...(options.runNodeScript ? { runNodeScript: options.runNodeScript } : {}),
    ...(options.sampleManyCount !== undefined ? { manyCount: options.sampleManyCount } : {}),
  });
  const auth = createAuth({
    dataDir: options.dataDir,
    cipher: options.cipher,
    ...(options.openBrowser ? { openBrowser: options.openBrowser } : {}),
    ...(options.env ? { env: options.env } : {}),
    emit: (name, payload) => events.emit(name, payload),
    activity,
    onSignedOut: () => connections.closeEntra(),
    savedClientId: async () => (await settings.get()).signIn?.clientId,
  });
  const discovery = createDiscovery({
    accounts: () => auth.handlers['auth.accounts']({}),
    environment: auth.environment,
    credential: auth.identities.credential,
    settings: () => settings.get(),
  });
  const env = options.env ?? process.env;
  const provisioned = createProvisionedConnections({
    file: connectionConfigPath(options.dataDir, env),
    env,
    watch: true,
    keyVault: () =>
      createKeyVaultReader({
        // The first signed-in account reads Key Vault; DefaultAzureCredential while nobody is.
        credential: keyVaultIdentity({
          signedIn: () => auth.handlers['auth.accounts']({}),
          credential: auth.identities.credential,
          fallback: () => defaultAzureCredential(undefined, env),
        }),
        suffix: keyVaultSuffix(env),
      }),
  });
  const connections = discovery.connections(
    createConnections(
      createConnectionStore(options.dataDir, options.cipher),
      emulator,
      auth.identities,
      observability.observe,
      provisioned,
      discovery.abilitiesAt,
      auth.environment,
    ),
  );
  const namespaces = createNamespaceTargets(connections);
  // A change to connections.toml reaches the window without a restart.
  provisioned.onChange(() => void announceConnections());
  const announceFinished = createFinishAnnouncer(activity);
  const settings = createSettingsStore(
    options.dataDir,
    options.downloadDirectory ?? resolveDownloadsDir(),
  );
  const operations = createOperationRunner((event) => events.emit('operations.progress', event));
  const queries = createQueryRuntime(options.dataDir, () => settings.get());
  let engine: Promise<TransferEngine<JobSummary>> | undefined;
  // Created on first use, or at start when the user wants unfinished transfers resumed:
  // loading the journal resumes (or pauses) the jobs of the last run.
  const transferEngine = () =>
    (engine ??= settings.get().then((saved) =>
      createTransferEngine({
        journalDir: dataFolders(options.dataDir).transfers,
        resolveContainer: async (connectionId, container) =>
          (await connections.access(connectionId, 'transfer')).container(container),
        onEvent: (event) => {
          opener.onProgress(event);
          dragOut.onProgress(event);
          announceFinished(event);
          events.emit('transfers.progress', event);
        },
        resumeOnStart: saved.resumeTransfersOnStart,
        convert: createConvertRunner(queries),
        delta: deltaRunner,
        signInNeeded: async (connectionId) => {
          const { tokenCredential } = await connections.access(connectionId, 'transfer');
          if (!tokenCredential) return undefined;
          try {
            await tokenCredential.getToken(storageScope);
            return undefined;
          } catch (e) {
            const error = toLakeError(e);
            return error.code === 'AuthFailed' ? error.message : undefined;
          }
        },
      }),
    ));
  void settings.get().then((saved) => observability.apply(saved));
  void settings.get().then(async (saved) => {
    if (!saved.resumeTransfersOnStart) return;
    await transferEngine().catch((e: unknown) =>
      activity('error', `Unfinished transfers could not be resumed: ${toLakeError(e).message}`),
    );
  });
  const opener = createOpener(transferEngine, options.openPath, (message) =>
    activity('error', message),
  );
  const dragOut = createDragOut({
    engine: transferEngine,
    container: async (connectionId, container) =>
      (await connections.access(connectionId, 'transfer')).container(container),
    folder: dataFolders(options.dataDir).dragOut,
    startDrag: options.startDrag,
  });
  const announceConnections = async () =>
    events.emit('connections.changed', await connections.list());

  const handlers: Handlers = guardReadOnly(
    {
      'app.info': async () => ({
        version: options.version,
        mode: options.mode,
        secretStorage: options.cipher.kind,
        dataDir: options.dataDir,
        logDir: dataFolders(options.dataDir).logs,
        downloadDirectory: options.downloadDirectory ?? resolveDownloadsDir(),
        canOpenFiles: options.openPath !== undefined,
        canPickFolders: options.pickFolder !== undefined,
        canDragOut: options.startDrag !== undefined,
        canShowInFolder: options.showItemInFolder !== undefined,
      }),
      'settings.get': () => settings.get(),
      'settings.update': async (change) => {
        const saved = await settings.update(change);
        observability.apply(saved);
        return saved;
      },
      'local.listFolders': ({ path }) => listLocalFolders(path),
      'local.pickFolder': async ({ title }) => {
        if (!options.pickFolder) {
          failWith(
            'InvalidInput',
            'The OS folder dialog is only in the desktop app; pick the folder in the window.',
          );
        }
        return { path: await options.pickFolder!(title) };
      },
      'connections.list': () => connections.list(),
      'connections.add': async (input) => {
        const summary = await connections.add(input);
        activity('info', `Connected to ${summary.name}.`);
        await announceConnections();
        return summary;
      },
      'connections.remove': async ({ id }) => {
        await connections.remove(id);
        await announceConnections();
        return null;
      },
      'connections.update': async ({ id, network }) => {
        const summary = await connections.setNetwork(id, network);
        await announceConnections();
        return summary;
      },
      'containers.list': async ({ connectionId }) =>
        (await connections.access(connectionId)).listContainers(),
      ...createNamespaceHandlers(connections, namespaces, operations),
      ...createPreviewHandlers(connections),
      ...createQueryHandlers(connections, queries, (event) =>
        events.emit('query.saveProgress', event),
      ),
      ...createDeltaHandlers(connections),
      ...createTransferHandlers(
        transferEngine,
        dataFolders(options.dataDir).staging,
        options.showItemInFolder,
      ),
      ...createConvertFolderHandler(transferEngine, async (connectionId, container) =>
        (await connections.access(connectionId)).container(container),
      ),
      'paths.openWithDefaultApp': (args) => opener.open(args),
      'paths.dragOut': (args) => dragOut.start(args),
      ...auth.handlers,
      'auth.signIn': recordedSignIn(observability, async (args) => {
        const account = await auth.handlers['auth.signIn'](args);
        // Transfers waiting for this sign-in go on.
        void engine?.then((e) => e.signedIn());
        return account;
      }),
      ...createObservabilityHandlers({
        observability,
        settings: () => settings.get(),
        info: () => handlers['app.info']({}),
      }),
      'discovery.list': ({ accountId }) => discovery.list(accountId),
      'discovery.useAccountKey': async ({ connectionId }) => {
        await discovery.useAccountKey(connectionId);
        return null;
      },
      'discovery.canUseAccountKey': ({ connectionId }) => discovery.canUseAccountKey(connectionId),
      'paths.delegationSas': async ({ connectionId, container, path, kind, lifetime, write }) => {
        const access = await connections.access(connectionId);
        // Only a folder's SAS depends on the namespace kind: a file's costs no detection.
        const namespace =
          kind === 'folder' ? (await namespaces.describe(connectionId)).namespace : 'flat';
        return delegationSasUrl(
          access,
          { container, path, kind: kind ?? 'file' },
          { lifetime, namespace, ...(write ? { write } : {}) },
        );
      },
    },
    (connectionId) => provisioned.refusesChanges(connectionId),
  );

  let inFlight = 0;
  let idle: (() => void) | undefined;
  return {
    async dispatch(name, args) {
      inFlight += 1;
      try {
        return await dispatchCall(handlers, name, args);
      } finally {
        inFlight -= 1;
        if (inFlight === 0) idle?.();
      }
    },
    subscribe: (listener) => events.subscribe(listener),
    inFlight: () => inFlight,
    async dispose() {
      provisioned.close();
      operations.cancelAll();
      if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
      await (await engine)?.close();
      await dragOut.dispose();
      await emulator.stop();
      await observability.dispose();
    },
  };
}
