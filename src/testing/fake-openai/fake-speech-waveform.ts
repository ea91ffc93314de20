export interface SpeechWaveformOptions {
  /** Default 24000, the rate of OpenAI's `pcm` format. */
  readonly sampleRate?: number;
  /** Default 65: roughly the pace of conversational speech. */
  readonly msPerCharacter?: number;
  /** Picks the pitch, so different voices sound different. */
  readonly voice?: string;
}

/**
 * A deterministic stand-in for speech: one voiced burst per word (a gliding harmonic tone with a
 * syllable-rate envelope and a little breath noise) and short pauses between words. It is not
 * intelligible, but VADs, level meters and playout timing treat it like speech. Duration is
 * proportional to the text length.
 */
export function synthesizeSpeechLikePcm(
  text: string,
  options: SpeechWaveformOptions = {},
): Int16Array {
  const sampleRate = options.sampleRate ?? 24000;
  const msPerCharacter = options.msPerCharacter ?? 65;
  const characters = Math.max(1, text.length);
  const totalSamples = Math.round((characters * msPerCharacter * sampleRate) / 1000);
  const samples = new Float64Array(totalSamples);
  const words = text.split(/\s+/).filter((word) => word !== '');
  const weights = words.length > 0 ? words.map((word) => word.length + 1) : [1];
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const basePitch = 95 + (hash(options.voice ?? 'alloy') % 115);

  let noiseState = 0x2545f491;
  let phase = 0;
  let slotStart = 0;
  for (const weight of weights) {
    const slotLength = Math.round((weight / weightSum) * totalSamples);
    const voicedLength = Math.floor(slotLength * 0.8);
    for (let offset = 0; offset < voicedLength && slotStart + offset < totalSamples; offset += 1) {
      const position = slotStart + offset;
      const time = position / sampleRate;
      const progress = position / totalSamples;
      // Pitch falls a little over the sentence and wobbles, as intonation does.
      const pitch =
        basePitch * (1.1 - 0.2 * progress) * (1 + 0.05 * Math.sin(2 * Math.PI * 3 * time));
      phase += (2 * Math.PI * pitch) / sampleRate;
      let value = 0;
      for (let harmonic = 1; harmonic <= 10; harmonic += 1) {
        const formantBoost = 1 + 1.5 * Math.exp(-(((harmonic * pitch - 700) / 350) ** 2));
        value += (Math.sin(harmonic * phase) * formantBoost) / harmonic;
      }
      noiseState = (Math.imul(noiseState, 1664525) + 1013904223) >>> 0;
      value += ((noiseState / 0xffffffff) * 2 - 1) * 0.08;
      const wordEnvelope = Math.sin((Math.PI * offset) / voicedLength) ** 0.6;
      const syllableEnvelope =
        0.55 + 0.45 * Math.abs(Math.sin((Math.PI * 4 * offset) / sampleRate));
      samples[position] = value * wordEnvelope * syllableEnvelope;
    }
    slotStart += slotLength;
  }

  let peak = 0;
  for (const value of samples) peak = Math.max(peak, Math.abs(value));
  const scale = peak > 0 ? (0.4 * 32767) / peak : 0;
  return Int16Array.from(samples, (value) => Math.round(value * scale));
}

/** Little-endian bytes of PCM16 samples, independent of the host's byte order. */
export function pcm16ToBytes(samples: Int16Array): Buffer {
  const bytes = Buffer.alloc(samples.length * 2);
  for (const [index, sample] of samples.entries()) bytes.writeInt16LE(sample, index * 2);
  return bytes;
}

function hash(text: string): number {
  let value = 2166136261;
  for (const character of text) value = Math.imul(value ^ character.charCodeAt(0), 16777619) >>> 0;
  return value;
}
