import { Badge, Tooltip } from '@fluentui/react-components';
import { WarningRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { ConnectionSummary } from '../../../shared/contract/index.js';

/** How far ahead of a SAS's expiry the tree warns: one day (as main's sasWarningMs). */
const warnAheadMs = 24 * 60 * 60 * 1000;

/** Whether `connection`'s SAS expires within a day (or has expired), read from its expiry at render time. */
export const sasExpiresSoon = (connection: ConnectionSummary, now: number): boolean => {
  const at = connection.abilities?.sas?.expiresAt;
  return at !== undefined && Date.parse(at) - now <= warnAheadMs;
};

const sourceText = {
  file: 'Defined in connections.toml; it changes only there, and is read again when the file is saved.',
  environment: 'Defined by LAKESHORE_CONNECTIONS_* environment variables; it changes only there.',
} as const;

/** Badges beside a connection's name: "from configuration", "read-only", and a SAS about to expire. */
export function ConnectionNotes({ connection }: { connection: ConnectionSummary }) {
  const expiry = connection.abilities?.sas?.expiresAt;
  // Read again every minute, so a window left open sees the day before the expiry begin.
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!expiry) return;
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, [expiry]);
  const expired = expiry !== undefined && Date.parse(expiry) <= now;
  return (
    <>
      {connection.source && (
        <Tooltip content={sourceText[connection.source]} relationship="description" withArrow>
          <Badge
            appearance="outline"
            color="informative"
            size="small"
            style={{ marginLeft: '6px' }}
          >
            from configuration
          </Badge>
        </Tooltip>
      )}
      {connection.readOnly && (
        <Tooltip
          content="read_only = true: writes, deletes and ACL changes are turned off."
          relationship="description"
          withArrow
        >
          <Badge appearance="tint" color="warning" size="small" style={{ marginLeft: '6px' }}>
            read-only
          </Badge>
        </Tooltip>
      )}
      {sasExpiresSoon(connection, now) && expiry && (
        <Tooltip
          content={`This SAS ${expired ? 'expired' : 'expires'} at ${new Date(expiry).toLocaleString()}; get a new one.`}
          relationship="description"
          withArrow
        >
          <Badge
            appearance="filled"
            color="warning"
            size="small"
            icon={<WarningRegular />}
            style={{ marginLeft: '6px' }}
          >
            {expired ? 'SAS expired' : 'SAS expires soon'}
          </Badge>
        </Tooltip>
      )}
    </>
  );
}
