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
  /** Which button ran the sync the panel is waiting for (its result is said beside the buttons). */
  syncing: 'full' | 'incremental' | null;
  load(): Promise<void>;
  connect(input: RequestOf<'kivicare:connect'>): Promise<string | null>;
  disconnect(): Promise<void>;
  configure(input: RequestOf<'kivicare:configure'>): Promise<string | null>;
  sync(mode: 'full' | 'incremental'): Promise<void>;
  subscribe(): () => void;
}

export const useKiviCare = create<KiviCareState>((set, get) => ({
  view: null,
  error: null,
  busy: false,
  syncing: null,
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
  async configure(input) {
    set({ busy: true });
    const r = await invoke('kivicare:configure', input);
    set({ busy: false });
    if (!r.ok) return r.error.message;
    set({ view: r.value });
    toast('Website settings saved; a full sync has started.');
    return null;
  },
  async sync(mode) {
    set({ busy: true, syncing: mode });
    const r = await invoke('kivicare:syncNow', { mode });
    set({ busy: false, syncing: null });
    if (!r.ok) {
      set({ error: r.error.message });
      toast(r.error.message, 'error');
      return;
    }
    // The sync's own outcome, success or failure, is what the user is told: never a blanket "done".
    const outcome = r.value.lastOutcome;
    set({ view: r.value, error: null });
    if (outcome) toast(outcome.message, outcome.ok ? 'ok' : 'error');
    if (outcome?.ok) await useDay.getState().reload();
  },
  subscribe() {
    // Main reports every finished sync (its own rhythm included) through the status event.
    return on('status:changed', () => {
      if (get().view?.connected) void get().load();
    });
  },
}));
