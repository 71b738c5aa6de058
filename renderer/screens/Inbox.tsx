// Every message in the inbox, virtualised so thousands of rows scroll smoothly.
// Keyboard: the list is one tab stop; arrows / Page keys / Home / End move, Space selects, Enter opens.
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AckResult, AcknowledgeCheck, InboxItem, SaveAndAcknowledgeResult } from '../../preload/api';
import { AcknowledgeDialog } from '../components/AcknowledgeDialog';
import { api } from '../client';
import { ActionButton, Busy, ErrorMessage, Tag } from '../components/feedback';
import { PageHeading } from '../components/PageHeading';
import { ageInDays, formatAge, formatDateTime, INBOX_EXPIRY_DAYS } from '../format';
import { useAction, useConsoleEvents, useLoad, useNow } from '../hooks';
import type { Navigate } from '../navigation';

const ROW_HEIGHT = 44;
const ROW_SLOTS = 400;

export function InboxScreen({ navigate }: { navigate: Navigate }) {
  const [filterText, setFilterText] = useState('');
  const [filter, setFilter] = useState('');
  const [refreshTick, setRefreshTick] = useState(0);
  // "Check MESH now" asks MESH once; reloads after that (events, acknowledgements) use the last listing.
  const askMesh = useRef(false);
  const inbox = useLoad(() => {
    const refresh = askMesh.current;
    askMesh.current = false;
    return api().inbox({ workflowFilter: filter || undefined, refresh });
  }, [filter, refreshTick]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [ackResults, setAckResults] = useState<AckResult[]>();
  const ack = useAction();
  const now = useNow();

  useConsoleEvents((event) => {
    if (event.type === 'inbox-changed') inbox.reload();
  });

  const items = inbox.data ?? [];
  const selectedIds = items.filter((item) => selected.has(item.messageId)).map((item) => item.messageId);

  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const [confirm, setConfirm] = useState<{ ids: string[]; check: AcknowledgeCheck }>();
  const [savedTo, setSavedTo] = useState<string | null>();

  const finish = (results: AckResult[]) => {
    setAckResults(results);
    const done = new Set(results.filter((r) => r.ok).map((r) => r.messageId));
    setSelected((current) => new Set([...current].filter((id) => !done.has(id))));
    inbox.reload();
  };

  const acknowledgeNow = (ids: string[]) =>
    void ack
      .run(() => api().acknowledge(ids))
      .then((results) => {
        setSavedTo(undefined);
        if (results) finish(results);
      });

  const saveAndAcknowledge = (ids: string[]) =>
    void ack
      .run(() => api().saveAndAcknowledge(ids))
      .then((result: SaveAndAcknowledgeResult | null | undefined) => {
        if (result === undefined) return;
        setSavedTo(result ? result.folder : null);
        if (result) finish(result.results);
        else setAckResults(undefined);
      });

  // More than one message, or one never saved or opened: ask first (MESH deletes what is acknowledged).
  const acknowledge = () => {
    const ids = selectedIds;
    void ack
      .run(() => api().acknowledgeCheck(ids))
      .then((check) => {
        if (!check) return;
        if (check.count > 1 || check.neverSaved.length > 0) setConfirm({ ids, check });
        else acknowledgeNow(ids);
      });
  };

  const failedAcks = ackResults?.filter((r) => !r.ok) ?? [];
  const okAcks = ackResults ? ackResults.length - failedAcks.length : 0;

  return (
    <>
      <PageHeading>Inbox</PageHeading>
      <form
        className="app-toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(filterText.trim());
        }}
      >
        <div className="nhsuk-form-group app-inline-field">
          <label className="nhsuk-label" htmlFor="workflow-filter">
            Workflow filter
          </label>
          <div className="nhsuk-hint" id="workflow-filter-hint">
            A workflow id, or a pattern such as <code>DPS*</code>, <code>*ACK*</code> or <code>!WF</code>.
          </div>
          <input
            id="workflow-filter"
            className="nhsuk-input nhsuk-input--width-20"
            aria-describedby="workflow-filter-hint"
            value={filterText}
            onChange={(e) => setFilterText(e.target.value)}
          />
        </div>
        <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small">
          Apply filter
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          onClick={() => {
            askMesh.current = true;
            setRefreshTick((t) => t + 1);
          }}
          disabled={inbox.loading}
        >
          {inbox.loading ? 'Checking MESH…' : 'Check MESH now'}
        </button>
      </form>

      <ErrorMessage error={inbox.error} title="The inbox could not be read" />
      <Busy busy={inbox.loading}>Reading the inbox…</Busy>

      <div className="app-toolbar">
        <p className="app-count" aria-live="polite">
          {items.length} message{items.length === 1 ? '' : 's'}
          {filter ? ` matching ${filter}` : ''}
          {selectedIds.length ? ` · ${selectedIds.length} selected` : ''}
        </p>
        <ActionButton
          busy={ack.busy}
          busyLabel={`Acknowledging ${selectedIds.length}…`}
          disabled={selectedIds.length === 0}
          onClick={acknowledge}
        >
          Acknowledge {selectedIds.length || ''} selected
        </ActionButton>
      </div>
      <ErrorMessage error={ack.error} title="The messages could not be acknowledged" />
      {confirm ? (
        <AcknowledgeDialog
          check={confirm.check}
          onCancel={() => setConfirm(undefined)}
          onAcknowledge={() => {
            setConfirm(undefined);
            acknowledgeNow(confirm.ids);
          }}
          onSaveAndAcknowledge={() => {
            setConfirm(undefined);
            saveAndAcknowledge(confirm.ids);
          }}
        />
      ) : null}
      {savedTo === null ? <p className="app-hint">Nothing acknowledged: the folder dialog was cancelled.</p> : null}
      {ackResults ? (
        <div className="app-result" role="status">
          {okAcks ? (
            <p>
              {savedTo ? 'Saved and acknowledged' : 'Acknowledged'} {okAcks} message{okAcks === 1 ? '' : 's'}
              {savedTo ? `; the files are in ${savedTo}.` : '.'}
            </p>
          ) : null}
          {failedAcks.map((r) => (
            <p key={r.messageId} className="app-error-text">
              {r.messageId}: {r.error ?? 'not acknowledged'}
            </p>
          ))}
        </div>
      ) : null}

      <InboxGrid
        items={items}
        selected={selected}
        now={now}
        onToggle={toggle}
        onToggleAll={(all) => setSelected(all ? new Set(items.map((i) => i.messageId)) : new Set())}
        onOpen={(id) => navigate({ screen: 'message', id })}
      />
    </>
  );
}

interface GridProps {
  items: InboxItem[];
  selected: ReadonlySet<string>;
  now: number;
  onToggle: (id: string) => void;
  onToggleAll: (all: boolean) => void;
  onOpen: (id: string) => void;
}

function InboxGrid({ items, selected, now, onToggle, onToggleAll, onOpen }: GridProps) {
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

  const rows = useMemo(() => items, [items]);
  const activeId = rows[activeIndex] ? `inbox-row-${activeIndex}` : undefined;

  return (
    <div className="app-grid app-inbox" role="grid" aria-label="Inbox messages" aria-rowcount={rows.length + 1} aria-multiselectable="true">
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
          {['Sender', 'Workflow', 'Subject', 'File name', 'Type', 'Received', 'Age'].map((label) => (
            <div key={label} className="app-grid__cell" role="columnheader">
              {label}
            </div>
          ))}
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
        {rows.length === 0 ? <p className="app-grid__empty">No messages.</p> : null}
        <div className="app-grid__sizer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((virtual) => {
            const item = rows[virtual.index];
            if (!item) return null;
            const isSelected = selected.has(item.messageId);
            const days = ageInDays(item.receivedAt, now);
            const classes = ['app-grid__row', 'app-inbox__row'];
            if (virtual.index === activeIndex) classes.push('app-grid__row--active');
            if (isSelected) classes.push('app-grid__row--selected');
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
                <div className="app-grid__cell" role="gridcell">
                  <button type="button" tabIndex={-1} className="app-link-button" onClick={() => onOpen(item.messageId)}>
                    {item.sender}
                  </button>
                </div>
                <div className="app-grid__cell" role="gridcell">
                  {item.workflowId}
                </div>
                <div className="app-grid__cell" role="gridcell">
                  {item.subject ?? ''}
                </div>
                <div className="app-grid__cell" role="gridcell">
                  {item.fileName ?? ''}
                </div>
                <div className="app-grid__cell" role="gridcell">
                  {item.messageType === 'REPORT' ? <Tag colour="orange">REPORT</Tag> : 'DATA'}
                </div>
                <div className="app-grid__cell" role="gridcell">
                  {formatDateTime(item.receivedAt)}
                </div>
                <div
                  className={days !== undefined && days >= INBOX_EXPIRY_DAYS - 1 ? 'app-grid__cell app-error-text' : 'app-grid__cell'}
                  role="gridcell"
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
