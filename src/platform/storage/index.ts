/**
 * Where finished recordings live: one `RecordingStorage` contract, a local-folder implementation
 * and an S3-compatible one (AWS S3, MinIO, R2, Garage) signed with SigV4 by hand.
 */
export type { ByteRange, RecordingStorage, StoredRecording } from './recording-storage.js';
export {
  assertRecordingKey,
  contentTypeForKey,
  formatRangeHeader,
  resolveByteRange,
} from './recording-key.js';
export type { LocalRecordingStorageSettings } from './local-recording-storage.js';
export { createLocalRecordingStorage } from './local-recording-storage.js';
export type { S3RecordingStorageSettings } from './s3-storage-settings.js';
export { createS3RecordingStorage } from './s3-recording-storage.js';
export type { SigV4Credentials, SigV4Request } from './s3-signature.js';
export {
  EMPTY_PAYLOAD_SHA256,
  UNSIGNED_PAYLOAD,
  awsUriEncode,
  encodeS3Path,
  signSigV4,
} from './s3-signature.js';
