// Front-desk filters and search; the filtering itself is lib/filter.ts.
import { create } from 'zustand';
import { emptyFilters, type Filters } from '../lib/filter';

interface FilterState extends Filters {
  set(patch: Partial<Filters>): void;
  reset(): void;
}

export const useFilters = create<FilterState>((set) => ({
  ...emptyFilters,
  set(patch) {
    set(patch);
  },
  reset() {
    set(emptyFilters);
  },
}));
