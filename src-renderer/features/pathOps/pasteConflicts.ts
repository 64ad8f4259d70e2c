import { useSyncExternalStore } from 'react';

/** An answer to a paste that meets existing names: Replace, Keep both ("name (1)") or Skip them. */
export type PasteAnswer = 'overwrite' | 'rename' | 'skip';

/** A copy paste refused because names exist in the destination, waiting for an answer. */
export interface PasteQuestion {
  /** The service's message, naming what exists (`“a.csv” already exists in samples/raw.`). */
  message: string;
  /** Answers it; undefined cancels the paste. */
  answer(answer: PasteAnswer | undefined): void;
}

let current: PasteQuestion | undefined;
const listeners = new Set<() => void>();
const publish = (q: PasteQuestion | undefined) => {
  current = q;
  listeners.forEach((l) => l());
};

/**
 * Asks the window what a paste does with names in the way (one question at a time: a new one
 * cancels the one before); resolves to the answer, or undefined when cancelled.
 */
export function askAboutPaste(message: string): Promise<PasteAnswer | undefined> {
  current?.answer(undefined);
  return new Promise((resolve) => {
    const question: PasteQuestion = {
      message,
      answer(a) {
        if (current === question) publish(undefined);
        resolve(a);
      },
    };
    publish(question);
  });
}

/** The paste question waiting for an answer, if any (for the dialog that asks it). */
export function usePasteQuestion(): PasteQuestion | undefined {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    () => current,
  );
}
