// The console's domain: the records, exports, messages, settings, jobs and events every layer
// speaks in. It imports nothing of ours, so anything may import it.
export * from './audit';
export * from './events';
export * from './expiry';
export * from './exports';
export * from './folders';
export * from './import-refusal';
export * from './jobs';
export * from './mailbox-id';
export * from './messages';
export * from './operations';
export * from './overview';
export * from './profiles';
export * from './records';
export * from './settings';
export * from './sizes';
export * from './tray-lines';
export * from './uk-time';
export * from './workflow-filter';
