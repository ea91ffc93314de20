/**
 * Voice activity detection. A model is shared by every call (one loaded network); each call gets
 * its own stream carrying its own recurrent state.
 */
export interface VadModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  /** Sample rate the model wants PCM16 at (8000 for Silero on telephone audio). */
  readonly sampleRate: number;
  /** Samples per inference window (256 at 8 kHz for Silero v5). */
  readonly windowSamples: number;
  createStream(): VadStreamV1;
  close(): Promise<void>;
}

export interface VadStreamV1 {
  /**
   * Feed PCM16 at the model's rate. `onProbability` is called once per complete window, in order,
   * possibly asynchronously (windows from many calls are batched into one inference).
   */
  write(samples: Int16Array): void;
  /** Speech probability 0..1 of each window, with the stream sample offset at the window's end. */
  onProbability: ((probability: number, windowEndSample: number) => void) | undefined;
  /** Resets the recurrent state (e.g. after a long gap). */
  reset(): void;
  close(): void;
}
