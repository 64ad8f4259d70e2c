import {
  Breadcrumb,
  BreadcrumbButton,
  BreadcrumbDivider,
  BreadcrumbItem,
  tokens,
} from '@fluentui/react-components';
import { Fragment } from 'react';
import type { BrowseLocation } from '../shell/location.js';
import { breadcrumbTrail } from './breadcrumbTrail.js';

/**
 * connection › container › each directory segment; every crumb but the last opens its level,
 * except the connection and, for a connection attached to a folder (`root`), what lies above it.
 */
export function Breadcrumbs({
  location,
  root,
  onOpen,
}: {
  location: BrowseLocation;
  /** The folder a connection is attached to (its scope's directory); absent or `''`: none. */
  root?: string;
  onOpen: (location: BrowseLocation) => void;
}) {
  const crumbs = breadcrumbTrail(location, root);
  return (
    <Breadcrumb aria-label="Breadcrumb" size="small">
      {crumbs.map((c, i) => {
        const last = i === crumbs.length - 1;
        return (
          <Fragment key={`${i}-${c.label}`}>
            <BreadcrumbItem>
              <BreadcrumbButton
                current={last}
                disabled={!c.target}
                // The connection (and above an attached folder) is not a link, but it must stay readable (Fluent's disabled
                // grey is about 1.9:1 on white): the muted foreground gives over 4.5:1.
                style={c.target ? undefined : { color: tokens.colorNeutralForeground3 }}
                onClick={() => c.target && !last && onOpen(c.target)}
              >
                {c.label}
              </BreadcrumbButton>
            </BreadcrumbItem>
            {!last && <BreadcrumbDivider />}
          </Fragment>
        );
      })}
    </Breadcrumb>
  );
}
