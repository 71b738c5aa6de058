// Tracking bodies, v1 (camelCase, Title-case status) or v2 (snake_case, lower-case status),
// read into one Tracking with a lower-case status.
import { ResponseShapeError } from './responses';
import { meshTimeToIso } from './timestamps';
import type { Tracking } from './types';

type Json = Record<string, unknown>;

function str(json: Json, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = json[key];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

function num(json: Json, key: string): number | undefined {
  const value = json[key];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

export function parseTracking(body: unknown): Tracking {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ResponseShapeError('tracking: not an object');
  const json = body as Json;
  const v2 = 'message_id' in json || 'status_success' in json || 'upload_timestamp' in json;
  const messageId = v2 ? str(json, 'message_id') : str(json, 'messageId', 'dtsId', 'messageID');
  const status = str(json, 'status');
  if (!messageId || !status) throw new ResponseShapeError('tracking: no message id or status');

  const tracking: Tracking = { messageId, status: status.toLowerCase(), apiVersion: v2 ? 2 : 1 };
  const set = <K extends keyof Tracking>(key: K, value: Tracking[K] | undefined) => {
    if (value !== undefined) tracking[key] = value;
  };
  if (v2) {
    const success = json['status_success'];
    if (typeof success === 'boolean') tracking.statusSuccess = success;
    set('statusCode', str(json, 'status_code'));
    set('statusDescription', str(json, 'status_description'));
    set('statusEvent', str(json, 'status_event'));
    set('statusTimestamp', meshTimeToIso(str(json, 'status_timestamp')));
    set('localId', str(json, 'local_id'));
    set('workflowId', str(json, 'workflow_id'));
    set('fileName', str(json, 'filename', 'file_name'));
    set('sender', str(json, 'sender'));
    set('recipient', str(json, 'recipient'));
    set('recipientName', str(json, 'recipient_name'));
    set('uploadTimestamp', meshTimeToIso(str(json, 'upload_timestamp')));
    set('expiryTime', meshTimeToIso(str(json, 'expiry_time')));
    const type = str(json, 'message_type')?.toUpperCase();
    if (type === 'DATA' || type === 'REPORT') tracking.messageType = type;
    return tracking;
  }
  const success = str(json, 'statusSuccess');
  if (success) tracking.statusSuccess = success.toUpperCase() === 'SUCCESS';
  else if (!str(json, 'failureDate')) tracking.statusSuccess = tracking.status !== 'error' && tracking.status !== 'undeliverable';
  else tracking.statusSuccess = false;
  set('statusCode', str(json, 'statusCode'));
  set('statusDescription', str(json, 'statusDescription'));
  set('statusEvent', str(json, 'statusEvent'));
  set('statusTimestamp', meshTimeToIso(str(json, 'statusTimestamp')));
  set('localId', str(json, 'localId'));
  set('workflowId', str(json, 'workflowId'));
  set('fileName', str(json, 'fileName'));
  set('sender', str(json, 'sender'));
  set('recipient', str(json, 'recipient'));
  set('recipientName', str(json, 'recipientName'));
  set('chunkCount', num(json, 'chunkCount'));
  set('fileSize', num(json, 'fileSize'));
  set('uploadTimestamp', meshTimeToIso(str(json, 'uploadTimestamp')));
  set('downloadTimestamp', meshTimeToIso(str(json, 'downloadTimestamp')));
  set('expiryTime', meshTimeToIso(str(json, 'expiryTime')));
  set('failureDiagnostic', str(json, 'failureDiagnostic'));
  set('linkedMessageId', str(json, 'linkedMsgId'));
  const type = str(json, 'messageType')?.toUpperCase();
  if (type === 'DATA' || type === 'REPORT') tracking.messageType = type;
  return tracking;
}
