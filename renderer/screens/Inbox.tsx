// Every message in the inbox: searched and sorted here, listed in a virtualised grid
// (inbox/InboxGrid.tsx), selected and acknowledged; a warning for messages near MESH's expiry.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { nearExpiry, type AckResult, type AcknowledgeCheck, type SaveAndAcknowledgeResult } from '../../preload/api';
import { AcknowledgeDialog } from '../components/AcknowledgeDialog';
import { DownloadProgress, type DownloadProgressState } from '../components/DownloadProgress';
import { api } from '../client';
import { ActionButton, Busy, ErrorMessage, Warning } from '../components/feedback';
import { Field } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { formatAge } from '../format';
import { useAction, useConsoleEvents, useLoad, useNow } from '../hooks';
import { keepArrangement, lastArrangement, rememberInboxOrder } from '../inbox-order';
import type { Navigate } from '../navigation';
import { usePageKeys } from '../shortcuts';
import { InboxGrid } from './inbox/InboxGrid';
import { nextSort, searchIndex, searchItems, sortItems, type Sort } from './inbox/inbox-view';

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

  // Save and acknowledge: which message is being saved, and how far it has got.
  const [saving, setSaving] = useState<{ ids: string[]; id?: string; progress?: DownloadProgressState }>();
  useConsoleEvents((event) => {
    if (event.type === 'inbox-changed') inbox.reload();
    if (event.type === 'progress' && event.operation === 'saveAndAcknowledge')
      setSaving((current) =>
        current?.ids.includes(event.id)
          ? { ...current, id: event.id, progress: { done: event.done, total: event.total, ...(event.chunk ? { chunk: event.chunk } : {}) } }
          : current,
      );
  });

  const items = useMemo(() => inbox.data ?? [], [inbox.data]);
  const [search, setSearch] = useState(() => lastArrangement<Sort>().search);
  const [sort, setSort] = useState(() => lastArrangement<Sort>().sort);
  const searchRef = useRef<HTMLInputElement>(null);
  // Typing stays responsive with thousands of messages: the list follows a keystroke behind when it must.
  const deferredSearch = useDeferredValue(search);
  const index = useMemo(() => searchIndex(items), [items]);
  const found = useMemo(() => searchItems(items, index, deferredSearch), [items, index, deferredSearch]);
  const shown = useMemo(() => sortItems(found, sort), [found, sort]);
  useEffect(() => {
    rememberInboxOrder(shown.map((item) => item.messageId));
    keepArrangement({ search, sort });
  }, [shown, search, sort]);
  usePageKeys((key) => {
    if (key !== '/') return false;
    searchRef.current?.focus();
    return true;
  });
  const expiring = useMemo(() => nearExpiry(items, now), [items, now]);

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
      .run(async () => {
        setSaving({ ids });
        try {
          return await api().saveAndAcknowledge(ids);
        } finally {
          setSaving(undefined);
        }
      })
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
        <Field
          inline
          id="workflow-filter"
          label="Workflow filter"
          hint={
            <>
              A workflow id, or a pattern such as <code>DPS*</code>, <code>*ACK*</code> or <code>!WF</code>.
            </>
          }
        >
          <input
            id="workflow-filter"
            className="nhsuk-input nhsuk-input--width-20"
            aria-describedby="workflow-filter-hint"
            value={filterText}
            onChange={(e) => setFilterText(e.target.value)}
          />
        </Field>
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

      {expiring.count ? (
        <Warning heading={`${expiring.count} message${expiring.count === 1 ? ' has' : 's have'} waited more than 4 days`}>
          <p data-near-expiry={expiring.count}>
            MESH deletes a message left unacknowledged for 5 days; the oldest has waited {formatAge(expiring.oldestReceivedAt, now)}. Save
            and acknowledge {expiring.count === 1 ? 'it' : 'them'} today (sort by Age to see the oldest first).
          </p>
        </Warning>
      ) : null}

      <Field
        inline
        id="inbox-search"
        label="Search"
        hint={
          <>
            Sender, workflow, subject, file name, local id or message id. Press <kbd>/</kbd> to search from anywhere in the inbox.
          </>
        }
      >
        <input
          id="inbox-search"
          ref={searchRef}
          type="search"
          className="nhsuk-input nhsuk-input--width-30"
          aria-describedby="inbox-search-hint"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </Field>

      <div className="app-toolbar">
        <p className="app-count" aria-live="polite">
          {items.length} message{items.length === 1 ? '' : 's'}
          {filter ? ` matching ${filter}` : ''}
          {deferredSearch.trim() ? ` · ${shown.length} found` : ''}
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
      {saving?.id && saving.progress ? (
        <DownloadProgress
          label={`Saving message ${saving.ids.indexOf(saving.id) + 1} of ${saving.ids.length}`}
          progress={saving.progress}
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
        items={shown}
        selected={selected}
        now={now}
        sort={sort}
        onSort={(column) => setSort((current) => nextSort(current, column))}
        onToggle={toggle}
        onToggleAll={(all) => setSelected(all ? new Set(shown.map((i) => i.messageId)) : new Set())}
        onOpen={(id) => navigate({ screen: 'message', id })}
      />
    </>
  );
}
