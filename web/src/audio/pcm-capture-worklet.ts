/**
 * AudioWorklet processor "pcm-capture": takes the microphone at the context's rate, downsamples
 * it to 16 kHz mono and posts 20 ms frames (320 samples) of 16-bit PCM to the main thread as
 * transferred ArrayBuffers. Built as its own file (loaded with `?worker&url`); it imports nothing.
 */

interface WorkletProcessor {
  readonly port: MessagePort;
}

/** The AudioWorkletGlobalScope names this file uses (the DOM typings do not describe them). */
interface WorkletScope {
  readonly sampleRate: number;
  readonly AudioWorkletProcessor: new () => WorkletProcessor;
  registerProcessor(
    name: string,
    processor: new (options: { processorOptions?: unknown }) => WorkletProcessor,
  ): void;
}

const scope = globalThis as unknown as WorkletScope;
const targetRate = 16_000;
const frameSamples = 320;

class PcmCaptureProcessor extends scope.AudioWorkletProcessor {
  /** Input samples per output sample (3 at 48 kHz, 2.75625 at 44.1 kHz). */
  readonly #ratio = scope.sampleRate / targetRate;
  /** Position, in input samples since the last output sample, of the next output sample. */
  #nextOutputAt = this.#ratio;
  #sum = 0;
  #count = 0;
  #frame = new Int16Array(frameSamples);
  #filled = 0;

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    if (channel === undefined) return true;
    for (const sample of channel) {
      // Averaging the input samples of each output period is the anti-alias low-pass.
      this.#sum += sample;
      this.#count += 1;
      if (this.#count >= this.#nextOutputAt) {
        this.#emit(this.#sum / this.#count);
        this.#nextOutputAt += this.#ratio - this.#count;
        this.#sum = 0;
        this.#count = 0;
      }
    }
    return true;
  }

  #emit(value: number): void {
    const clamped = Math.max(-1, Math.min(1, value));
    this.#frame[this.#filled] = Math.round(clamped * 0x7fff);
    this.#filled += 1;
    if (this.#filled === frameSamples) {
      const buffer = this.#frame.buffer;
      this.port.postMessage(buffer, [buffer]);
      this.#frame = new Int16Array(frameSamples);
      this.#filled = 0;
    }
  }
}

scope.registerProcessor('pcm-capture', PcmCaptureProcessor);
