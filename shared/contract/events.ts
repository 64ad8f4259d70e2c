import type { BrowserPromptEvent, DeviceCodePromptEvent, EntraAccountSummary } from './auth.js';
import type { ConnectionSummary } from './connections.js';
import type { EmulatorSeedingEvent } from './emulator.js';
import type { EventName } from './names.js';
import type { OperationProgressEvent } from './operations.js';
import type { QuerySaveProgressEvent } from './query.js';
import type { TransferProgressEvent } from './transfers.js';

/** An entry of the activity log: what main did on the user's behalf. */
export interface ActivityEntry {
  level: 'info' | 'warning' | 'error';
  message: string;
  /** ISO 8601. */
  at: string;
}

/**
 * Events main pushes to the renderer, fire-and-forget, by name. Sources throttle
 * high-rate events (progress) to at most 10 a second.
 */
export interface EventPayloads {
  activity: ActivityEntry;
  'connections.changed': ConnectionSummary[];
  /** Throttled to at most 10 a second. */
  'transfers.progress': TransferProgressEvent;
  /** Throttled to at most 10 a second per operation, plus its final state. */
  'operations.progress': OperationProgressEvent;
  /** A `query.save` writing, then uploading, its result; at most 10 a second per save. */
  'query.saveProgress': QuerySaveProgressEvent;
  /** A device-code sign-in waits for the user to enter this code. */
  'auth.deviceCode': DeviceCodePromptEvent;
  /** A browser sign-in waits on this page (browser mode: the window opens it in a new tab). */
  'auth.browserPrompt': BrowserPromptEvent;
  /** The signed-in accounts after a sign-in or sign-out. */
  'auth.accountsChanged': EntraAccountSummary[];
  /** The emulator's first start uploading the sample lake; at most 10 a second, plus the last. */
  'emulator.seeding': EmulatorSeedingEvent;
}

/** Every event name has a payload type, and only those (checked against `names.ts`). */
export type EventPayloadsCoverNames =
  EventPayloads extends Record<EventName, unknown>
    ? keyof EventPayloads extends EventName
      ? true
      : never
    : never;
export const eventPayloadsCoverNames: EventPayloadsCoverNames = true;
