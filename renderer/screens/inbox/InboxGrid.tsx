// The inbox's rows, virtualised so thousands scroll smoothly; each column header sorts.
// Keyboard: the list is one tab stop; arrows / Page keys / Home / End move, Space selects, Enter opens.
import { useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { waitingTooLong, type InboxItem } from '../../../preload/api';
import { Tag } from '../../components/feedback';
import { formatAge, formatBytes, formatDateTime } from '../../format';
import { COLUMNS, type Sort, type SortColumn } from './inbox-view';

const ROW_HEIGHT = 44;
const ROW_SLOTS = 400;
const SIZE_UNKNOWN = 'Not known until the message is opened or saved: MESH tells a message’s size only by sending it.';

export interface InboxGridProps {
  items: readonly InboxItem[];
  selected: ReadonlySet<string>;
  now: number;
  sort: Sort | undefined;
  onSort: (column: SortColumn) => void;
  onToggle: (id: string) => void;
  onToggleAll: (all: boolean) => void;
  onOpen: (id: string) => void;
}

export function InboxGrid({ items, selected, now, sort, onSort, onToggle, onToggleAll, onOpen }: InboxGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Let React batch the re-render with the frame instead of forcing it synchronously in the scroll handler.
    useFlushSync: false,
  });
  const activeIndex = Math.min(active, Math.max(0, items.length - 1));
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.messageId));
  const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 440) / ROW_HEIGHT) - 1);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(items.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (items.length === 0) return;
    const item = items[activeIndex];
    switch (e.key) {
      case 'ArrowDown':
        moveTo(activeIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(activeIndex - 1);
        break;
      case 'PageDown':
        moveTo(activeIndex + pageRows);
        break;
      case 'PageUp':
        moveTo(activeIndex - pageRows);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(items.length - 1);
        break;
      case ' ':
        if (item) onToggle(item.messageId);
        break;
      case 'Enter':
        if (item) onOpen(item.messageId);
        break;
      case 'a':
        if (!(e.ctrlKey || e.metaKey)) return;
        onToggleAll(!allSelected);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const activeId = items[activeIndex] ? `inbox-row-${activeIndex}` : undefined;

  return (
    <div
      className="app-grid app-inbox"
      role="grid"
      aria-label="Inbox messages"
      aria-rowcount={items.length + 1}
      aria-multiselectable="true"
    >
      <div className="app-grid__head" role="rowgroup">
        <div className="app-grid__row app-inbox__row" role="row" aria-rowindex={1}>
          <div className="app-grid__cell app-grid__cell--check" role="columnheader">
            <input
              type="checkbox"
              className="app-checkbox"
              aria-label="Select every message"
              checked={allSelected}
              onChange={(e) => onToggleAll(e.target.checked)}
            />
          </div>
          {COLUMNS.map(({ column, label }) => {
            const sorted = sort?.column === column;
            return (
              <div
                key={column}
                className="app-grid__cell"
                role="columnheader"
                aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              >
                <button type="button" className="app-sort-button" onClick={() => onSort(column)}>
                  {label}
                  <span className="app-sort-button__arrow" aria-hidden="true">
                    {sorted ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div
        ref={scrollRef}
        className="app-grid__scroll"
        role="rowgroup"
        tabIndex={0}
        aria-activedescendant={activeId}
        aria-label="Messages: arrow keys move, Space selects, Enter opens"
        onKeyDown={onKeyDown}
      >
        {items.length === 0 ? <p className="app-grid__empty">No messages.</p> : null}
        <div className="app-grid__sizer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((virtual) => {
            const item = items[virtual.index];
            if (!item) return null;
            const isSelected = selected.has(item.messageId);
            const tooLong = waitingTooLong(item.receivedAt, now);
            const classes = ['app-grid__row', 'app-inbox__row'];
            if (virtual.index === activeIndex) classes.push('app-grid__row--active');
            if (isSelected) classes.push('app-grid__row--selected');
            if (!item.read) classes.push('app-inbox__row--unread');
            return (
              <div
                // Keyed by slot: the rendered range is contiguous and shorter than ROW_SLOTS, so keys stay
                // unique, and scrolling reuses the row elements instead of remounting them.
                key={virtual.index % ROW_SLOTS}
                id={`inbox-row-${virtual.index}`}
                className={classes.join(' ')}
                role="row"
                aria-rowindex={virtual.index + 2}
                aria-selected={isSelected}
                data-message-id={item.messageId}
                data-read={item.read ? 'true' : 'false'}
                style={{ transform: `translateY(${virtual.start}px)` }}
                onClick={() => setActive(virtual.index)}
                onDoubleClick={() => onOpen(item.messageId)}
              >
                <div className="app-grid__cell app-grid__cell--check" role="gridcell">
                  <input
                    type="checkbox"
                    className="app-checkbox"
                    tabIndex={-1}
                    aria-label={`Select message ${item.messageId}`}
                    checked={isSelected}
                    onChange={() => onToggle(item.messageId)}
                  />
                </div>
                <div className="app-grid__cell" role="gridcell" title={item.sender}>
                  <button type="button" tabIndex={-1} className="app-link-button" onClick={() => onOpen(item.messageId)}>
                    {item.read ? null : <span className="nhsuk-u-visually-hidden">Unread: </span>}
                    {item.sender}
                  </button>
                </div>
                <div className="app-grid__cell app-grid__cell--wrap" role="gridcell" title={item.workflowId}>
                  {item.workflowId}
                </div>
                <div className="app-grid__cell app-grid__cell--wrap" role="gridcell" title={item.subject}>
                  {item.subject ?? ''}
                </div>
                <div className="app-grid__cell" role="gridcell" title={item.fileName}>
                  {item.fileName ?? ''}
                </div>
                <div className="app-grid__cell" role="gridcell">
                  {item.messageType === 'REPORT' ? <Tag colour="orange">REPORT</Tag> : 'DATA'}
                </div>
                <div
                  className="app-grid__cell app-grid__cell--number"
                  role="gridcell"
                  title={item.size === undefined ? SIZE_UNKNOWN : undefined}
                >
                  {item.size === undefined ? '—' : formatBytes(item.size)}
                </div>
                <div className="app-grid__cell" role="gridcell">
                  {formatDateTime(item.receivedAt)}
                </div>
                <div
                  className={tooLong ? 'app-grid__cell app-error-text' : 'app-grid__cell'}
                  role="gridcell"
                  title={tooLong ? 'Waiting more than 4 days: MESH deletes it after 5 unless it is acknowledged.' : undefined}
                  data-waiting-too-long={tooLong ? 'true' : undefined}
                >
                  {formatAge(item.receivedAt, now)}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
