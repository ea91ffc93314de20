import { describe, expect, it } from 'vitest';
import { InMemoryCallLeg } from '../testing/scripted/in-memory-call-leg.js';
import { ManualClock } from './manual-clock.js';
import { OutboundPlayer } from './outbound-player.js';
import { PlayoutTicker } from './playout-ticker.js';

function setup(supportsMarks = true) {
  const clock = new ManualClock(0);
  const leg = new InMemoryCallLeg({ supportsMarks });
  const ticker = new PlayoutTicker(clock);
  const played: number[] = [];
  const firstFrames: number[] = [];
  const player = new OutboundPlayer({
    leg,
    clock,
    ticker,
    events: { onFirstFrame: (id, at) => firstFrames.push(at), onPlayed: (id) => played.push(id) },
  });
  const sendTimes: number[] = [];
  const original = leg.sendAudio.bind(leg);
  leg.sendAudio = (audio) => {
    sendTimes.push(clock.now());
    original(audio);
  };
  return { clock, leg, player, played, firstFrames, sendTimes };
}

describe('OutboundPlayer', () => {
  it('sends the first frame at once, then one frame per 20 ms', () => {
    const { clock, player, sendTimes, firstFrames } = setup();
    clock.advance(7);
    player.begin(1);
    player.enqueue(1, new Uint8Array(160 * 10));
    expect(firstFrames).toEqual([7]);
    clock.advance(200);
    expect(sendTimes).toHaveLength(10);
    const intervals = sendTimes.slice(2).map((time, index) => time - (sendTimes[index + 1] ?? 0));
    expect(intervals.every((interval) => interval === 20)).toBe(true);
  });

  it('reports an utterance played when its last mark echoes, and pads the last frame', () => {
    const { clock, leg, player, played } = setup();
    player.begin(1);
    player.enqueue(1, new Uint8Array(250));
    player.end(1);
    clock.advance(60);
    expect(leg.sent).toHaveLength(2);
    expect(leg.sent[1]?.[100]).toBe(0xff);
    expect(played).toEqual([]);
    leg.echoMarks();
    expect(played).toEqual([1]);
  });

  it('falls back to the clock when marks are not supported', () => {
    const { clock, player, played } = setup(false);
    player.begin(1);
    player.enqueue(1, new Uint8Array(160 * 3));
    player.end(1);
    clock.advance(100);
    expect(played).toEqual([1]);
  });

  it('pauses with a clear, knows what was heard, and resumes from there', () => {
    const { clock, leg, player } = setup();
    player.begin(1);
    player.enqueue(1, new Uint8Array(160 * 50));
    clock.advance(100);
    leg.echoMarks();
    clock.advance(100);
    player.pause();
    expect(leg.actions).toContain('clear');
    const heard = player.heardMs();
    expect(heard).toBeGreaterThanOrEqual(100);
    expect(heard).toBeLessThanOrEqual(220);
    const sentBefore = leg.sent.length;
    clock.advance(200);
    expect(leg.sent.length).toBe(sentBefore);
    player.resume();
    clock.advance(100);
    expect(leg.sent.length).toBeGreaterThan(sentBefore);
  });

  it('ignores marks that echo after a clear', () => {
    const { clock, leg, player, played } = setup();
    player.begin(1);
    player.enqueue(1, new Uint8Array(160 * 20));
    player.end(1);
    clock.advance(60);
    player.stop();
    leg.echoMarks();
    expect(played).toEqual([]);
    expect(player.active).toBe(false);
  });
});
