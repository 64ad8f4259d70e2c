/** The container the embedded emulator's first start seeds with the sample data lake. */
export const emulatorSamplesContainer = 'samples';

/** `emulator.seeding`: how many of the sample lake's files the first start has uploaded so far. */
export interface EmulatorSeedingEvent {
  done: number;
  total: number;
}
