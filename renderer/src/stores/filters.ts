// Front-desk filters and search; the filtering itself is lib/filter.ts. A patient search also
// looks ahead over the coming weeks through the core (the day list holds one day only).
import { create } from 'zustand';
import { invoke } from '../api';
import { emptyFilters, type Filters } from '../lib/filter';
import type { Appointment } from '../lib/types';

/** How far the patient search looks ahead, in days. */
export const AHEAD_DAYS = 42;
const AHEAD_DELAY_MS = 250;

export interface Ahead {
  query: string;
  loading: boolean;
  fromDate: string | null;
  toDate: string | null;
  timeZone: string | null;
  appointments: Appointment[];
  more: boolean;
  error: string | null;
}
const noAhead: Ahead = {
  query: '',
  loading: false,
  fromDate: null,
  toDate: null,
  timeZone: null,
  appointments: [],
  more: false,
  error: null,
};

interface FilterState extends Filters {
  ahead: Ahead;
  set(patch: Partial<Filters>): void;
  reset(): void;
  /** Asks the core again for the current query (after a change to the book). */
  refreshAhead(): Promise<void>;
}

let timer: ReturnType<typeof setTimeout> | undefined;

export const useFilters = create<FilterState>((set, get) => {
  const lookAhead = async () => {
    const query = get().query.trim();
    if (query.length < 2) {
      set({ ahead: noAhead });
      return;
    }
    set({ ahead: { ...get().ahead, query, loading: true } });
    const r = await invoke('appointments:search', { query, days: AHEAD_DAYS });
    // An answer for a query the user already changed is dropped.
    if (get().query.trim() !== query) return;
    set({
      ahead: r.ok
        ? { query, loading: false, error: null, ...r.value }
        : { ...noAhead, query, error: r.error.message },
    });
  };
  return {
    ...emptyFilters,
    ahead: noAhead,
    set(patch) {
      set(patch);
      if (patch.query !== undefined) {
        clearTimeout(timer);
        if (patch.query.trim().length < 2) set({ ahead: noAhead });
        else timer = setTimeout(() => void lookAhead(), AHEAD_DELAY_MS);
      }
    },
    reset() {
      clearTimeout(timer);
      set({ ...emptyFilters, ahead: noAhead });
    },
    refreshAhead: lookAhead,
  };
});
