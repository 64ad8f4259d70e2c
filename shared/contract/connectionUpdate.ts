import { z } from 'zod';
import { networkSettingsSchema } from './network.js';
import { connectionIdSchema } from './paths.js';

/**
 * `connections.update`: a connection saved in Lakeshore gets `network` as its own timeouts and
 * retries, replacing the ones it had (each value within `networkSettingsSchema`'s bounds; one
 * left out follows Settings › Network, so `{}` makes them all follow it again). Its next request
 * uses them. Connections from configuration refuse it with `InvalidInput` (they change only in
 * their file); an unknown id answers `NotFound`.
 */
export const connectionUpdateSchema = z
  .object({ id: connectionIdSchema, network: networkSettingsSchema })
  .strict();
export type ConnectionUpdate = z.input<typeof connectionUpdateSchema>;
