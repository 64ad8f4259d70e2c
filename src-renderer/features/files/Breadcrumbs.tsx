import {
  Breadcrumb,
  BreadcrumbButton,
  BreadcrumbDivider,
  BreadcrumbItem,
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
