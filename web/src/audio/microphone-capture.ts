import workletUrl from './pcm-capture-worklet.ts?worker&url';

/** A running microphone capture; `stop` releases the microphone. */
export interface MicrophoneCapture {
  stop(): void;
}

/** Why the microphone could not be opened, in words, and whether the user refused it. */
export class MicrophoneError extends Error {
  readonly denied: boolean;

  constructor(message: string, denied: boolean) {
    super(message);
    this.name = 'MicrophoneError';
    this.denied = denied;
  }
}

function toMicrophoneError(error: unknown): MicrophoneError {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return new MicrophoneError(
      'The browser did not allow the microphone. Allow it for this site (in the address bar or the site settings) and start again, or use text mode.',
      true,
    );
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return new MicrophoneError('No microphone was found. Connect one, or use text mode.', true);
  }
  if (name === 'NotReadableError') {
    return new MicrophoneError(
      'The microphone is in use by another application or cannot be read. Close the other application, or use text mode.',
      true,
    );
  }
  if (navigator.mediaDevices === undefined) {
    return new MicrophoneError(
      'This page cannot use a microphone: browsers allow it only over HTTPS or on localhost. Use text mode.',
      true,
    );
  }
  return new MicrophoneError(`The microphone could not be started (${String(error)}).`, false);
}

/**
 * Opens the microphone (echo cancellation and noise suppression on) and calls `onFrame` with
 * 20 ms frames of 16 kHz mono 16-bit PCM (640 bytes). Throws a {@link MicrophoneError}.
 */
export async function startMicrophoneCapture(
  context: AudioContext,
  onFrame: (frame: ArrayBuffer) => void,
): Promise<MicrophoneCapture> {
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 },
    });
  } catch (error) {
    throw toMicrophoneError(error);
  }
  try {
    await context.audioWorklet.addModule(workletUrl);
    const source = context.createMediaStreamSource(stream);
    const capture = new AudioWorkletNode(context, 'pcm-capture', {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
    });
    capture.port.onmessage = (message: MessageEvent<ArrayBuffer>) => onFrame(message.data);
    // A silent path to the speakers keeps the graph pulling the processor in every browser.
    const silence = context.createGain();
    silence.gain.value = 0;
    source.connect(capture);
    capture.connect(silence).connect(context.destination);
    return {
      stop() {
        capture.port.onmessage = null;
        source.disconnect();
        capture.disconnect();
        silence.disconnect();
        for (const track of stream.getTracks()) track.stop();
      },
    };
  } catch (error) {
    for (const track of stream.getTracks()) track.stop();
    throw new MicrophoneError(`The microphone could not be started (${String(error)}).`, false);
  }
}
