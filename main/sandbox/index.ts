// The local MESH server: start it in-process (the app, the tests) or from the CLI.
export { startMeshServer } from './start-server';
export { DEFAULT_MAILBOXES, DEFAULT_WORKFLOWS, DPS_EXPORT_WORKFLOW } from './directory';
export type * from './types';
