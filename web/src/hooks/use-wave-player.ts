import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import WaveSurfer from 'wavesurfer.js';

/** Lane colours of the waveform: the caller (left channel) and the agent (right channel). */
export interface LaneColors {
  readonly caller: string;
  readonly agent: string;
}

/** What {@link useWavePlayer} offers the page. */
export interface WavePlayer {
  readonly ready: boolean;
  readonly playing: boolean;
  /** The playback position, ms. */
  readonly currentMs: number;
  readonly durationMs: number | null;
  readonly error: string | null;
  toggle(): void;
  /** Moves the playback position (keeps playing if it was). */
  seek(ms: number): void;
}

/** `#0b6e8a` → `#0b6e8a66`: the unplayed part of a lane, fainter than the played part. */
function faded(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}66` : color;
}

function laneOptions(colors: LaneColors) {
  return [
    { waveColor: faded(colors.caller), progressColor: colors.caller, height: 64 },
    { waveColor: faded(colors.agent), progressColor: colors.agent, height: 64 },
  ];
}

/**
 * A stereo recording drawn as two lanes (caller, agent) in `containerRef`, with play/pause and
 * seeking. The recording is fetched same-origin, so the session cookie authenticates it.
 */
export function useWavePlayer(
  containerRef: RefObject<HTMLElement | null>,
  url: string | null,
  colors: LaneColors,
): WavePlayer {
  const surferRef = useRef<WaveSurfer | null>(null);
  const [ready, setReady] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [currentMs, setCurrentMs] = useState(0);
  const [durationMs, setDurationMs] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const colorsRef = useRef(colors);
  colorsRef.current = colors;

  useEffect(() => {
    const container = containerRef.current;
    if (url === null || container === null) return;
    setReady(false);
    setError(null);
    const surfer = WaveSurfer.create({
      container,
      url,
      splitChannels: laneOptions(colorsRef.current),
      cursorColor: 'currentColor',
      cursorWidth: 2,
      normalize: true,
      dragToSeek: true,
      fetchParams: { credentials: 'same-origin' },
    });
    surferRef.current = surfer;
    const unsubscribers = [
      surfer.on('ready', (seconds) => {
        setDurationMs(seconds * 1000);
        setReady(true);
      }),
      surfer.on('play', () => setPlaying(true)),
      surfer.on('pause', () => setPlaying(false)),
      surfer.on('finish', () => setPlaying(false)),
      // Tenths of a second are enough for the transcript and the clock; fewer re-renders.
      surfer.on('timeupdate', (seconds) => setCurrentMs(Math.round(seconds * 10) * 100)),
      surfer.on('error', (failure) => {
        if (failure.name !== 'AbortError') {
          setError(`The recording could not be loaded (${failure.message}).`);
        }
      }),
    ];
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
      surfer.destroy();
      surferRef.current = null;
    };
  }, [url, containerRef]);

  // A theme change recolours the lanes without reloading the audio.
  useEffect(() => {
    surferRef.current?.setOptions({ splitChannels: laneOptions(colors) });
  }, [colors.caller, colors.agent]);

  const toggle = useCallback(() => {
    void surferRef.current?.playPause().catch((failure: unknown) => {
      setError(`The recording could not be played (${String(failure)}).`);
    });
  }, []);

  const seek = useCallback((ms: number) => {
    setCurrentMs(ms);
    surferRef.current?.setTime(ms / 1000);
  }, []);

  return { ready, playing, currentMs, durationMs, error, toggle, seek };
}
