/**
 * Call recordings: a stereo WAV recorder that plugs into a voice session as its `AudioTap`
 * (caller left, agent right, written while the call runs), and the helpers start-up recovery
 * uses on files a crash left behind.
 */
export type {
  RecordingResult,
  StereoCallRecorder,
  StereoCallRecorderOptions,
} from './stereo-call-recorder.js';
export { createStereoCallRecorder } from './stereo-call-recorder.js';
export { finalizeOrphanRecording, readRecordingDuration } from './recording-file.js';
