// The audit log's matching entries, a page at a time: the first page when the filter changes, the
// others as the grid scrolls to them. The log may hold 100,000 entries; only what is looked at
// crosses IPC.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry, AuditFilter } from '../../../preload/api';
import { api, errorText } from '../../client';

export const AUDIT_PAGE = 200;

export interface AuditRows {
  /** Set once the first page of this filter has come back. */
  ready: boolean;
  total: number;
  held: number;
  /** How many older files the log was rotated into. */
  olderFiles: number;
  /** With older files read: matching entries past the newest that are paged. */
  notPaged: number;
  error: string | undefined;
  entryAt(index: number): AuditEntry | undefined;
  /** Asks for the pages holding rows first..last that have not come yet. */
  need(first: number, last: number): void;
  reload(): void;
}

interface Pages {
  ready: boolean;
  total: number;
  held: number;
  olderFiles: number;
  notPaged: number;
  pages: ReadonlyMap<number, AuditEntry[]>;
}

const EMPTY: Pages = { ready: false, total: 0, held: 0, olderFiles: 0, notPaged: 0, pages: new Map() };

export function useAuditPages(filter: AuditFilter): AuditRows {
  const [state, setState] = useState<Pages>(EMPTY);
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  const asked = useRef(new Set<number>());
  /** What the log held when the first page came: the later pages are of the same entries. */
  const asOf = useRef<number | undefined>(undefined);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const key = JSON.stringify(filter);

  const fetchPage = useCallback((page: number) => {
    if (asked.current.has(page)) return;
    asked.current.add(page);
    const mine = generation.current;
    api()
      .audit({ ...filterRef.current, offset: page * AUDIT_PAGE, limit: AUDIT_PAGE, ...(page > 0 ? { asOf: asOf.current } : {}) })
      .then((result) => {
        if (mine !== generation.current) return;
        if (page === 0) asOf.current = result.held;
        setState((previous) => ({
          ready: true,
          total: result.total,
          held: result.held,
          olderFiles: result.olderFiles ?? 0,
          notPaged: result.notPaged ?? 0,
          pages: new Map(previous.pages).set(page, result.entries),
        }));
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (mine !== generation.current) return;
        asked.current.delete(page);
        setError(errorText(e));
      });
  }, []);

  useEffect(() => {
    generation.current++;
    asked.current = new Set();
    // The number of older files stays on screen while the next filter's first page comes.
    setState((previous) => ({ ...EMPTY, olderFiles: previous.olderFiles }));
    fetchPage(0);
  }, [key, tick, fetchPage]);

  const entryAt = useCallback((index: number) => state.pages.get(Math.floor(index / AUDIT_PAGE))?.[index % AUDIT_PAGE], [state.pages]);
  const need = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / AUDIT_PAGE); page <= Math.floor(last / AUDIT_PAGE); page++) fetchPage(page);
    },
    [fetchPage],
  );
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const { ready, total, held, olderFiles, notPaged } = state;
  return { ready, total, held, olderFiles, notPaged, error, entryAt, need, reload };
}
