/**
 * The names of every call and event, without their schemas, so the sandboxed preload can
 * check names without bundling zod. `calls.ts` and `events.ts` are checked against these
 * lists by the compiler: a call without a schema, or a schema without a name, does not build.
 */
export const callNames = [
  'app.info',
  'settings.get',
  'settings.update',
  'local.listFolders',
  'local.pickFolder',
  'connections.list',
  'connections.add',
  'connections.remove',
  'connections.update',
  'accounts.describe',
  'containers.list',
  'containers.create',
  'containers.delete',
  'containers.properties',
  'paths.list',
  'paths.preview',
  'paths.previewDelta',
  'paths.detectTable',
  'paths.cancelPreview',
  'query.run',
  'query.save',
  'query.inspectConversion',
  'delta.planVacuum',
  'query.cancel',
  'paths.openWithDefaultApp',
  'paths.dragOut',
  'paths.createDirectory',
  'paths.rename',
  'paths.delete',
  'paths.copy',
  'paths.stats',
  'paths.properties',
  'paths.delegationSas',
  'paths.setProperties',
  'paths.getAccessControl',
  'paths.setAccessControl',
  'paths.updateAccessControlRecursive',
  'paths.checkAccess',
  'paths.listDeleted',
  'paths.undelete',
  'operations.cancel',
  'transfers.list',
  'transfers.enqueueUpload',
  'transfers.enqueueStagedUpload',
  'transfers.enqueueDownload',
  'transfers.enqueueConvert',
  'transfers.enqueueConvertFolder',
  'transfers.enqueueVacuum',
  'transfers.enqueueRestore',
  'transfers.pause',
  'transfers.resume',
  'transfers.cancel',
  'transfers.retry',
  'transfers.showInFolder',
  'transfers.clearFinished',
  'transfers.resolveConflict',
  'auth.signIn',
  'auth.cancelSignIn',
  'auth.signOut',
  'auth.accounts',
  'discovery.list',
  'discovery.useAccountKey',
  'discovery.canUseAccountKey',
  'activity.list',
  'diagnostics.summary',
  'diagnostics.export',
] as const;

export type CallName = (typeof callNames)[number];

/** Whether `name` is a call of the contract (guards untyped input from a transport). */
export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && (callNames as readonly string[]).includes(name);

export const eventNames = [
  'activity',
  'connections.changed',
  'transfers.progress',
  'operations.progress',
  'query.saveProgress',
  'auth.deviceCode',
  'auth.browserPrompt',
  'auth.accountsChanged',
  'emulator.seeding',
] as const;

export type EventName = (typeof eventNames)[number];

/** Whether `name` is an event of the contract. */
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && (eventNames as readonly string[]).includes(name);
