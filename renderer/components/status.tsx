import type { ExportStatus } from '../../preload/api';
import { Tag, type TagColour } from './feedback';

const EXPORT_COLOURS: Record<ExportStatus, TagColour> = {
  pending: 'blue',
  accepted: 'yellow',
  acknowledged: 'green',
  failed: 'red',
  undeliverable: 'red',
  error: 'red',
};

export function ExportStatusTag({ status }: { status: ExportStatus }) {
  return <Tag colour={EXPORT_COLOURS[status]}>{status}</Tag>;
}

export function isExportFailure(status: ExportStatus): boolean {
  return status === 'failed' || status === 'undeliverable' || status === 'error';
}

export function OutcomeTag({ ok, okText = 'OK', failedText = 'Failed' }: { ok: boolean; okText?: string; failedText?: string }) {
  return <Tag colour={ok ? 'green' : 'red'}>{ok ? okText : failedText}</Tag>;
}
