import { describe, expect, it } from 'vitest';
import { breadcrumbTrail } from './breadcrumbTrail.js';

const at = (directory: string) => ({
  connectionId: 'c1',
  connectionName: 'lake (ivy)',
  container: 'findings',
  directory,
});

describe('breadcrumbTrail', () => {
  it('opens the container and every folder of a whole-container connection', () => {
    expect(breadcrumbTrail(at('team/q3'))).toEqual([
      { label: 'lake (ivy)' },
      { label: 'findings', target: at('') },
      { label: 'team', target: at('team') },
      { label: 'q3', target: at('team/q3') },
    ]);
  });

  it('opens nothing above a folder the connection is attached to', () => {
    expect(breadcrumbTrail(at('team/q3/raw'), 'team/q3')).toEqual([
      { label: 'lake (ivy)' },
      { label: 'findings' },
      { label: 'team' },
      { label: 'q3', target: at('team/q3') },
      { label: 'raw', target: at('team/q3/raw') },
    ]);
  });

  it('does not take a sibling that shares the prefix for the attached folder', () => {
    expect(breadcrumbTrail(at('team/q30'), 'team/q3').at(-1)).toEqual({ label: 'q30' });
  });
});
