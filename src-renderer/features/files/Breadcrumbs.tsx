import {
  Breadcrumb,
  BreadcrumbButton,
  BreadcrumbDivider,
  BreadcrumbItem,
  tokens,
} from '@fluentui/react-components';
import { Fragment } from 'react';
import type { BrowseLocation } from '../shell/location.js';

/** connection › container › each directory segment; every crumb but the last opens its level. */
export function Breadcrumbs({
  location,
  onOpen,
}: {
  location: BrowseLocation;
  onOpen: (location: BrowseLocation) => void;
}) {
  const segments = location.directory === '' ? [] : location.directory.split('/');
  const crumbs = [
    { label: location.connectionName, target: undefined as BrowseLocation | undefined },
    { label: location.container, target: { ...location, directory: '' } },
    ...segments.map((s, i) => ({
      label: s,
      target: { ...location, directory: segments.slice(0, i + 1).join('/') },
    })),
  ];
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
                // The connection is not a link, but it must stay readable (Fluent's disabled
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
