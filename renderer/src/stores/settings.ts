// Clinic settings; fields IT locks by policy are shown but cannot be changed here.
import { create } from 'zustand';
import type { RequestOf, ResponseOf } from '../../../preload/contract';
import { invoke, on } from '../api';
import { useStatus } from './status';
import { toast } from './toasts';

type Settings = ResponseOf<'settings:get'>;

interface SettingsState {
  settings: Settings | null;
  error: string | null;
  load(): Promise<void>;
  save(patch: RequestOf<'settings:update'>): Promise<string | null>;
  /** Follows the core's settings:changed (another profile, another desktop, IT). */
  subscribe(): () => void;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: null,
  error: null,
  async load() {
    const r = await invoke('settings:get', {});
    set(r.ok ? { settings: r.value, error: null } : { error: r.error.message });
  },
  async save(patch) {
    const r = await invoke('settings:update', patch);
    if (!r.ok) return r.error.message;
    set({ settings: r.value });
    toast('Settings saved.');
    // The clinic's zone drives every time shown.
    await useStatus.getState().load();
    return null;
  },
  subscribe() {
    return on('settings:changed', (settings) => set({ settings, error: null }));
  },
}));
