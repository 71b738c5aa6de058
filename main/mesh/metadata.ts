// A message's metadata from its `mex-*` headers (HEAD, or the first chunk of a download).
import type { ResponseHeaders } from './headers';
import { meshTimeToIso } from './timestamps';
import type { MessageMetadata } from './types';

/** `Y`, `yes`, `true`, `1`... count as set, as mesh-client reads them. */
export function meshFlag(value: string | undefined): boolean {
  return value !== undefined && /^(y|yes|t|true|on|1)$/i.test(value.trim());
}

/** `n:N` → { index, total }; undefined when absent or malformed. */
export function parseChunkRange(value: string | undefined): { index: number; total: number } | undefined {
  const match = value ? /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(value) : null;
  return match ? { index: Number(match[1]), total: Number(match[2]) } : undefined;
}

/** Chunk count from mex-Total-Chunks, else mex-Chunk-Range, else 1 (a REPORT says 0). */
export function totalChunks(headers: ResponseHeaders): number {
  const total = headers.get('mex-total-chunks');
  if (total !== undefined && /^\d+$/.test(total)) return Number(total);
  return parseChunkRange(headers.get('mex-chunk-range'))?.total ?? 1;
}

export function parseMetadata(headers: ResponseHeaders, requestedId: string): MessageMetadata {
  const put = <K extends keyof MessageMetadata>(target: MessageMetadata, key: K, value: MessageMetadata[K] | undefined) => {
    if (value !== undefined) target[key] = value;
  };
  const type = headers.get('mex-messagetype')?.toUpperCase();
  const metadata: MessageMetadata = {
    messageId: headers.get('mex-messageid') ?? requestedId,
    messageType: type === 'REPORT' ? 'REPORT' : 'DATA',
    sender: headers.get('mex-from') ?? '',
    recipient: headers.get('mex-to') ?? '',
    workflowId: headers.get('mex-workflowid') ?? '',
    chunkCount: totalChunks(headers),
    compressed: meshFlag(headers.get('mex-content-compressed')),
    encrypted: meshFlag(headers.get('mex-content-encrypted')),
    mex: headers.mex(),
  };
  put(metadata, 'fileName', headers.get('mex-filename'));
  put(metadata, 'subject', headers.get('mex-subject'));
  put(metadata, 'localId', headers.get('mex-localid'));
  put(metadata, 'partnerId', headers.get('mex-partnerid'));
  put(metadata, 'statusCode', headers.get('mex-statuscode'));
  put(metadata, 'statusDescription', headers.get('mex-statusdescription'));
  put(metadata, 'statusEvent', headers.get('mex-statusevent'));
  put(metadata, 'statusSuccess', headers.get('mex-statussuccess'));
  put(metadata, 'statusTimestamp', meshTimeToIso(headers.get('mex-statustimestamp')));
  put(metadata, 'linkedMessageId', headers.get('mex-linkedmsgid'));
  put(metadata, 'contentType', headers.get('mex-content-type') ?? headers.get('content-type'));
  put(metadata, 'checksum', headers.get('mex-content-checksum'));
  put(metadata, 'lastModified', meshTimeToIso(headers.get('last-modified')));
  return metadata;
}
