import { describe, expect, it } from 'vitest';
import { Endpointer, type CommittedTurn } from './endpointer.js';
import { ManualClock } from './manual-clock.js';

function setup() {
  const clock = new ManualClock(0);
  const commits: CommittedTurn[] = [];
  let discards = 0;
  const endpointer = new Endpointer({ minDelayMs: 500, maxDelayMs: 3000 }, clock, {
    onCommit: (turn) => commits.push(turn),
    onDiscard: () => discards++,
  });
  return { clock, endpointer, commits, discards: () => discards };
}

describe('Endpointer', () => {
  it('commits at the minimum delay when the transcript settled earlier', () => {
    const { clock, endpointer, commits } = setup();
    endpointer.speechStarted();
    endpointer.transcriptFinal('book me in', true);
    endpointer.speechEnded(0);
    clock.advance(499);
    expect(commits).toHaveLength(0);
    clock.advance(1);
    expect(commits[0]).toMatchObject({
      text: 'book me in',
      speechEndAt: 0,
      deadline: 500,
      committedAt: 500,
    });
  });

  it('waits past the minimum delay for a late final transcript', () => {
    const { clock, endpointer, commits } = setup();
    endpointer.speechStarted();
    endpointer.speechEnded(0);
    clock.advance(800);
    expect(commits).toHaveLength(0);
    endpointer.transcriptFinal('tuesday', true);
    expect(commits[0]).toMatchObject({ text: 'tuesday', transcriptAt: 800 });
  });

  it('commits at the maximum delay with interim text when no final arrives', () => {
    const { clock, endpointer, commits } = setup();
    endpointer.speechStarted();
    endpointer.transcriptPartial('maybe friday');
    endpointer.speechEnded(0);
    clock.advance(3000);
    expect(commits[0]?.text).toBe('maybe friday');
  });

  it('keeps the turn open when the caller speaks again before the delay', () => {
    const { clock, endpointer, commits } = setup();
    endpointer.speechStarted();
    endpointer.transcriptFinal('I want', true);
    endpointer.speechEnded(0);
    clock.advance(300);
    endpointer.speechStarted();
    endpointer.transcriptFinal('an oil change', true);
    endpointer.speechEnded(400);
    clock.advance(600);
    expect(commits).toHaveLength(1);
    expect(commits[0]?.text).toBe('I want an oil change');
  });

  it('discards speech that produced no words', () => {
    const { clock, endpointer, commits, discards } = setup();
    endpointer.speechStarted();
    endpointer.speechEnded(0);
    endpointer.utteranceEnd();
    clock.advance(600);
    expect(commits).toHaveLength(0);
    expect(discards()).toBe(1);
  });

  it('does not hear twice the interim words a forced commit already used', () => {
    const { clock, endpointer, commits } = setup();
    endpointer.speechStarted();
    endpointer.transcriptPartial('I have been waiting');
    endpointer.commitNow(0);
    expect(commits[0]?.text).toBe('I have been waiting');
    // The provider's final for that audio arrives after the commit, with more words.
    endpointer.speechStarted();
    endpointer.transcriptFinal('I have been waiting, for an hour', true);
    endpointer.speechEnded(100);
    clock.advance(600);
    expect(commits[1]?.text).toBe('for an hour');
  });
});
