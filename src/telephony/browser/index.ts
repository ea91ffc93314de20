/** Browser test-call carrier: the public surface other modules import. */
export * from './browser-call-codec.js';
export * from './browser-call-leg.js';
export * from './browser-call-transport.js';
