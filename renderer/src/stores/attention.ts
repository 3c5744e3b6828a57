// The attention queue as the core builds it (attention:list), kept current by its push.
import { create } from 'zustand';
import type { ResponseOf } from '../../../preload/contract';
import { invoke, on } from '../api';

export type AttentionItem = ResponseOf<'attention:list'>[number];

interface AttentionState {
  items: AttentionItem[];
  load(): Promise<void>;
  subscribe(): () => void;
}

export const useAttention = create<AttentionState>((set) => ({
  items: [],
  async load() {
    const r = await invoke('attention:list', {});
    if (r.ok) set({ items: r.value });
  },
  subscribe() {
    return on('attention:changed', (items) => set({ items }));
  },
}));
