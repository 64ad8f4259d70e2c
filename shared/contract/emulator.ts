/** The container the embedded emulator's first start seeds with the sample data lake. */
export const emulatorSamplesContainer = 'samples';
