// The clinic's KiviCare site as a schedule source: connect, sync, disconnect.
import { create } from 'zustand';
import type { RequestOf, ResponseOf } from '../../../preload/contract';
import { invoke, on } from '../api';
import { useDay } from './day';
import { toast } from './toasts';

type View = ResponseOf<'kivicare:get'>;

interface KiviCareState {
  view: View | null;
  error: string | null;
  busy: boolean;
  load(): Promise<void>;
  connect(input: RequestOf<'kivicare:connect'>): Promise<string | null>;
  disconnect(): Promise<void>;
  sync(): Promise<void>;
  subscribe(): () => void;
}

export const useKiviCare = create<KiviCareState>((set, get) => ({
  view: null,
  error: null,
  busy: false,
  async load() {
    const r = await invoke('kivicare:get', {});
    set(r.ok ? { view: r.value, error: null } : { error: r.error.message });
  },
  async connect(input) {
    set({ busy: true });
    const r = await invoke('kivicare:connect', input);
    set({ busy: false });
    if (!r.ok) return r.error.message;
    set({ view: r.value });
    toast('Clinic website connected.');
    await useDay.getState().reload();
    return null;
  },
  async disconnect() {
    set({ busy: true });
    const r = await invoke('kivicare:disconnect', {});
    set({ busy: false });
    if (r.ok) set({ view: r.value });
    toast(r.ok ? 'Clinic website disconnected.' : r.error.message, r.ok ? 'ok' : 'error');
  },
  async sync() {
    set({ busy: true });
    const r = await invoke('kivicare:syncNow', { mode: 'incremental' });
    set({ busy: false });
    if (r.ok) set({ view: r.value });
    toast(
      r.ok ? (r.value.lastReport ?? 'Synchronised with the clinic website.') : r.error.message,
      r.ok ? 'ok' : 'error',
    );
    if (r.ok) await useDay.getState().reload();
  },
  subscribe() {
    // Main reports every finished sync (its own rhythm included) through the status event.
    return on('status:changed', () => {
      if (get().view?.connected) void get().load();
    });
  },
}));
