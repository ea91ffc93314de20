import { describe, expect, it } from 'vitest';
import type { LegEndReason } from '../../engine/call-leg.js';
import { SwitchboardError } from '../../errors/index.js';
import { createBrowserCallLeg } from './browser-call-leg.js';

function setup() {
  const audio: Uint8Array[] = [];
  const texts: string[] = [];
  let closeCalls = 0;
  const created = createBrowserCallLeg({
    carrierCallId: 'browser-1',
    sendAudio: (bytes) => {
      audio.push(bytes);
      return true;
    },
    sendText: (text) => {
      texts.push(text);
      return true;
    },
    onClose: () => {
      closeCalls += 1;
    },
  });
  const ends: LegEndReason[] = [];
  const heard: Uint8Array[] = [];
  created.leg.on('end', (reason) => ends.push(reason));
  created.leg.on('audio', (bytes) => heard.push(bytes));
  return { ...created, audio, texts, ends, heard, closeCalls: () => closeCalls };
}

describe('browser call leg', () => {
  it('speaks 16 kHz PCM both ways, as carrier "browser", without marks', () => {
    const { leg } = setup();
    expect(leg.carrier).toBe('browser');
    expect(leg.carrierCallId).toBe('browser-1');
    expect(leg.inboundFormat).toEqual({ encoding: 'linear16', sampleRate: 16000 });
    expect(leg.outboundFormat).toEqual({ encoding: 'linear16', sampleRate: 16000 });
    expect(leg.supportsMarks).toBe(false);
  });

  it('sends agent audio as is and clear as a text message; nothing after the end', () => {
    const { leg, sink, audio, texts } = setup();
    const frame = new Uint8Array(640).fill(3);
    leg.sendAudio(frame);
    leg.sendAudio(new Uint8Array(0));
    leg.sendMark('s1-f10');
    leg.clearAudio();
    expect(audio).toEqual([frame]);
    expect(texts.map((text) => JSON.parse(text))).toEqual([{ type: 'clear' }]);
    sink.end('caller-hangup');
    leg.sendAudio(frame);
    leg.clearAudio();
    expect(audio).toHaveLength(1);
    expect(texts).toHaveLength(1);
  });

  it('delivers caller audio until the leg ends, and ends once', () => {
    const { sink, ends, heard, leg } = setup();
    sink.audio(new Uint8Array(640));
    sink.end('caller-hangup');
    sink.audio(new Uint8Array(640));
    sink.end('connection-lost');
    leg.close();
    expect(heard).toHaveLength(1);
    expect(ends).toEqual(['caller-hangup']);
    expect(leg.ended).toBe(true);
  });

  it('hangs up as the agent: ends the leg and tells the transport once', async () => {
    const { leg, ends, closeCalls } = setup();
    await leg.hangup();
    leg.close();
    await leg.hangup();
    expect(ends).toEqual(['agent-hangup']);
    expect(closeCalls()).toBe(1);
  });

  it('refuses a transfer with a clear error and stays up', async () => {
    const { leg, ends } = setup();
    const refused = await leg.transfer('+15550100001').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(SwitchboardError.isInstance(refused)).toBe(true);
    expect((refused as SwitchboardError).code).toBe('transfer_unsupported');
    expect((refused as SwitchboardError).message).toMatch(/browser.*cannot be transferred/);
    expect(ends).toEqual([]);
    expect(leg.ended).toBe(false);
  });

  it('keeps delivering when a listener throws', () => {
    const { leg, sink, heard } = setup();
    leg.on('audio', () => {
      throw new Error('listener bug');
    });
    const later: Uint8Array[] = [];
    leg.on('audio', (bytes) => later.push(bytes));
    expect(() => sink.audio(new Uint8Array(2))).not.toThrow();
    expect(heard).toHaveLength(1);
    expect(later).toHaveLength(1);
  });
});
