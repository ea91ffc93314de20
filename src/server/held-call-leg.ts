import type { CallLegEvents, CallLegV1 } from '../engine/call-leg.js';

type HeldEvent = {
  [E in keyof CallLegEvents]: { name: E; args: Parameters<CallLegEvents[E]> };
}[keyof CallLegEvents];

/** Audio kept while a call is being prepared: about 2 s; older frames matter less than keys. */
const MAX_HELD_AUDIO_FRAMES = 100;

/**
 * A leg whose events wait while the call is prepared (the database says which agent answers, its
 * models are built) and are delivered in order once the session listens: a key pressed in the
 * first moments, or a hang-up, is never lost. The carrier adapter expects listeners at once, so
 * this wrapper subscribes to the real leg immediately.
 */
export function holdCallLeg(leg: CallLegV1): { readonly leg: CallLegV1; release(): void } {
  const held: HeldEvent[] = [];
  let heldAudio = 0;
  let released = false;
  const listeners: { [E in keyof CallLegEvents]: CallLegEvents[E][] } = {
    audio: [],
    dtmf: [],
    mark: [],
    end: [],
  };
  const deliver = (event: HeldEvent) => {
    for (const listener of listeners[event.name])
      (listener as (...args: unknown[]) => void)(...event.args);
  };
  const receive = (event: HeldEvent) => {
    if (released) {
      deliver(event);
      return;
    }
    if (event.name === 'audio') {
      if (heldAudio >= MAX_HELD_AUDIO_FRAMES) return;
      heldAudio++;
    }
    held.push(event);
  };
  leg.on('audio', (audio) => receive({ name: 'audio', args: [audio] }));
  leg.on('dtmf', (digit) => receive({ name: 'dtmf', args: [digit] }));
  leg.on('mark', (name) => receive({ name: 'mark', args: [name] }));
  leg.on('end', (reason) => receive({ name: 'end', args: [reason] }));

  const wrapper: CallLegV1 = {
    carrier: leg.carrier,
    carrierCallId: leg.carrierCallId,
    inboundFormat: leg.inboundFormat,
    outboundFormat: leg.outboundFormat,
    supportsMarks: leg.supportsMarks,
    on(event, listener) {
      (listeners[event] as unknown[]).push(listener);
    },
    sendAudio: (audio) => leg.sendAudio(audio),
    sendMark: (name) => leg.sendMark(name),
    clearAudio: () => leg.clearAudio(),
    hangup: () => leg.hangup(),
    transfer: (destination) => leg.transfer(destination),
    close: () => leg.close(),
  };
  return {
    leg: wrapper,
    release() {
      if (released) return;
      released = true;
      for (const event of held.splice(0)) deliver(event);
    },
  };
}
