// The export lifecycle (docs/dps-file.md, "Export lifecycle"): which status may follow which.
import type { ExportStatus } from '../domain';

export const NEXT_STATUSES: Readonly<Record<ExportStatus, readonly ExportStatus[]>> = {
  pending: ['accepted', 'failed'],
  accepted: ['acknowledged', 'undeliverable', 'error'],
  acknowledged: [],
  failed: [],
  undeliverable: [],
  error: [],
};

export function canTransition(from: ExportStatus, to: ExportStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

export function isFinal(status: ExportStatus): boolean {
  return NEXT_STATUSES[status].length === 0;
}

export class IllegalExportTransitionError extends Error {
  override name = 'IllegalExportTransitionError';
  constructor(
    readonly exportId: string,
    readonly from: ExportStatus,
    readonly to: ExportStatus,
  ) {
    const allowed = NEXT_STATUSES[from];
    super(
      `Export ${exportId} is ${from} and cannot become ${to}` +
        (allowed.length ? ` (only ${allowed.join(' or ')} may follow ${from}).` : ` because ${from} is final.`),
    );
  }
}
