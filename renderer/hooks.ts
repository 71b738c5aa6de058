import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsoleEvent } from '../preload/api';
import { api, errorText } from './client';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

/** Loads once on mount (and when deps change), keeping the last data while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[] = []): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let live = true;
    setLoading(true);
    Promise.resolve()
      .then(() => loadRef.current())
      .then((value) => {
        if (!live) return;
        setData(value);
        setError(undefined);
      })
      .catch((e: unknown) => live && setError(errorText(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation, ...deps]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}

export interface Action {
  busy: boolean;
  error: string | undefined;
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  clearError: () => void;
}

/** One button's worth of work: busy while it runs, one sentence when it fails. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(async <T>(work: () => Promise<T>) => {
    setBusy(true);
    setError(undefined);
    try {
      return await work();
    } catch (e) {
      setError(errorText(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(undefined), []);
  return { busy, error, run, clearError };
}

/** Listens to main's events while the component is mounted. */
export function useConsoleEvents(listener: (event: ConsoleEvent) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => {
    // Without a bridge there are no events; the screens' own calls say what is wrong.
    if (!window.meshConsole) return undefined;
    return api().onEvent((event) => ref.current(event));
  }, []);
}

/** A clock that ticks once a minute, for ages shown on screen. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
