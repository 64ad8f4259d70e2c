import { createContext, useContext } from 'react';
import type { BrowseLocation } from '../shell/location.js';

/** What every tree node needs: which items are open, which one is shown, and how to show another. */
export interface TreeState {
  openItems: ReadonlySet<string>;
  selectedValue: string | undefined;
  select: (location: BrowseLocation) => void;
}

export const TreeStateContext = createContext<TreeState | undefined>(undefined);

export function useTreeState(): TreeState {
  const state = useContext(TreeStateContext);
  if (!state) throw new Error('useTreeState outside StorageTree');
  return state;
}
