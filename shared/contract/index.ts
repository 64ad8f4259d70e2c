export * from './calls.js';
export * from './client.js';
export * from './connections.js';
export * from './errors.js';
export * from './events.js';
export * from './paths.js';
export * from './preview.js';
export * from './wire.js';
