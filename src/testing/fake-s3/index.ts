/** A fake S3-compatible object store (real HTTP, SigV4 checked, objects in memory) for tests and demo mode. */
export type {
  FakeS3Failure,
  FakeS3Object,
  FakeS3Options,
  FakeS3Request,
  FakeS3Server,
} from './fake-s3-server.js';
export { startFakeS3Server } from './fake-s3-server.js';
