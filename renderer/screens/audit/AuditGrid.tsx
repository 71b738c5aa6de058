// The audit log as a virtual grid: one line per entry (when, kind, action, outcome, who and from
// where), newest first, rows drawn only where the operator looks. Arrow keys, Page Up/Down, Home
// and End move the active row; the screen shows the active row's details.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { auditWhoFrom } from '../../../preload/api';
import { Tag } from '../../components/feedback';
import { formatDateTime } from '../../format';
import type { AuditRows } from './useAuditPages';

const ROW_HEIGHT = 40;
const ROW_SLOTS = 400;
const COLUMNS = ['When', 'Kind', 'Action', 'Outcome', 'Who, from'];

export function AuditGrid({ rows, active, onActive }: { rows: AuditRows; active: number; onActive: (index: number) => void }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { need } = rows;
  useEffect(() => {
    if (rows.total > 0) need(first, last);
  }, [first, last, rows.total, need]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.total - 1, index));
    onActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + pageRows,
      PageUp: active - pageRows,
      Home: 0,
      End: rows.total - 1,
    };
    if (rows.total === 0 || !(e.key in moves)) return;
    moveTo(moves[e.key]!);
    e.preventDefault();
  };

  return (
    <div className="app-grid app-audit" role="grid" aria-label="Audit log" aria-rowcount={rows.total + 1}>
      <div className="app-grid__head" role="rowgroup">
        <div className="app-grid__row app-audit__row" role="row" aria-rowindex={1}>
          {COLUMNS.map((label) => (
            <div key={label} className="app-grid__cell" role="columnheader">
              {label}
            </div>
          ))}
        </div>
      </div>
      <div
        ref={scrollRef}
        className="app-grid__scroll app-audit__scroll"
        role="rowgroup"
        tabIndex={0}
        aria-activedescendant={rows.total ? `audit-row-${active}` : undefined}
        aria-label="Entries: arrow keys move, the details of the row show below"
        onKeyDown={onKeyDown}
      >
        {rows.ready && rows.total === 0 ? <p className="app-grid__empty">No entries match.</p> : null}
        <div className="app-grid__sizer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((virtual) => {
            const entry = rows.entryAt(virtual.index);
            const classes = ['app-grid__row', 'app-audit__row'];
            if (virtual.index === active) classes.push('app-grid__row--active', 'app-grid__row--selected');
            return (
              <div
                key={virtual.index % ROW_SLOTS}
                id={`audit-row-${virtual.index}`}
                className={classes.join(' ')}
                role="row"
                aria-rowindex={virtual.index + 2}
                aria-selected={virtual.index === active}
                style={{ transform: `translateY(${virtual.start}px)` }}
                onClick={() => onActive(virtual.index)}
              >
                {entry ? (
                  <>
                    <div className="app-grid__cell" role="gridcell">
                      {formatDateTime(entry.at)}
                    </div>
                    <div className="app-grid__cell" role="gridcell">
                      {entry.kind}
                    </div>
                    <div className="app-grid__cell" role="gridcell" title={entry.action}>
                      {entry.action}
                    </div>
                    <div className="app-grid__cell" role="gridcell">
                      <Tag colour={entry.outcome === 'ok' ? 'green' : 'red'}>{entry.outcome === 'ok' ? 'OK' : 'Failed'}</Tag>
                    </div>
                    <div className="app-grid__cell" role="gridcell">
                      {auditWhoFrom(entry)}
                    </div>
                  </>
                ) : (
                  <div className="app-grid__cell app-hint" role="gridcell">
                    Reading…
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
