// The MESH client's public surface.
export { MeshClient } from './client';
export { MeshError, isMeshError, type MeshErrorKind, type MeshSetting } from './errors';
export type {
  MeshClientOptions,
  MeshCall,
  RetryOptions,
  MessageMetadata,
  MessageType,
  Tracking,
  TrackingStatus,
  SendMessageRequest,
  SendSource,
  SendResult,
  DownloadDestination,
  DownloadOptions,
  DownloadResult,
  InboxPageOptions,
} from './types';
export type { InboxPage, MailboxMatch } from './responses';
export {
  ENVIRONMENTS,
  ENVIRONMENT_NAMES,
  NHS_ENVIRONMENT_NAMES,
  isEnvironmentName,
  isNhsEnvironment,
  isLoopbackHost,
  environmentForUrl,
  nhsEnvironmentOf,
  baseUrlFor,
  caBundlePath,
  readCaBundle,
  defaultResourcesDir,
  type MeshEnvironment,
  type MeshEnvironmentName,
  type NhsEnvironment,
} from './environments';
export { DEFAULT_CHUNK_SIZE, MAX_REQUEST_BYTES, maxChunkSize, planChunks } from './chunking';
export { checkClientIdentity } from './tls-agent';
export { inflationThread } from './inflate-thread';
export { freshAuthorization } from './auth-token';
export { plainText, plainJson } from './plain-text';
