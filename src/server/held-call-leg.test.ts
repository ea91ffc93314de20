import { describe, expect, it } from 'vitest';
import { InMemoryCallLeg } from '../testing/scripted/in-memory-call-leg.js';
import { holdCallLeg } from './held-call-leg.js';

describe('holdCallLeg', () => {
  it('delivers what arrived while the call was prepared, in order, then passes events straight on', () => {
    const leg = new InMemoryCallLeg();
    const held = holdCallLeg(leg);
    leg.sendCallerAudio(new Uint8Array([1]));
    leg.pressDigit('5');
    leg.sendCallerAudio(new Uint8Array([2]));
    const seen: string[] = [];
    held.leg.on('audio', (audio) => seen.push(`audio ${audio[0]}`));
    held.leg.on('dtmf', (digit) => seen.push(`dtmf ${digit}`));
    held.leg.on('end', (reason) => seen.push(`end ${reason}`));
    expect(seen).toEqual([]);
    held.release();
    expect(seen).toEqual(['audio 1', 'dtmf 5', 'audio 2']);
    leg.pressDigit('#');
    leg.end('caller-hangup');
    expect(seen.slice(3)).toEqual(['dtmf #', 'end caller-hangup']);
  });

  it('keeps at most about two seconds of audio but every key and the end', () => {
    const leg = new InMemoryCallLeg();
    const held = holdCallLeg(leg);
    for (let frame = 0; frame < 500; frame++) leg.sendCallerAudio(new Uint8Array(160));
    leg.pressDigit('9');
    leg.end('caller-hangup');
    let frames = 0;
    const events: string[] = [];
    held.leg.on('audio', () => frames++);
    held.leg.on('dtmf', (digit) => events.push(digit));
    held.leg.on('end', (reason) => events.push(reason));
    held.release();
    expect(frames).toBe(100);
    expect(events).toEqual(['9', 'caller-hangup']);
  });
});
