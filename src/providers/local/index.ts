export * from './silero/index.js';
export * from './flite/index.js';
