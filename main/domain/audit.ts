// The audit log: every MESH call, export change, import, settings change and job run.

export interface AuditEntry {
  at: string;
  kind: 'mesh' | 'export' | 'import' | 'settings' | 'job' | 'message';
  action: string;
  outcome: 'ok' | 'failed';
  detail?: string;
  messageId?: string;
  exportId?: string;
  status?: number;
}

export interface AuditQuery {
  search?: string;
  limit?: number;
}
