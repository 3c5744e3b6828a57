// The zones the core accepts for the clinic, loaded once for the searchable picker.
import { create } from 'zustand';
import { invoke } from '../api';

export interface ZoneChoice {
  id: string;
  label: string;
}

interface TimeZonesState {
  zones: ZoneChoice[];
  error: string | null;
  load(): Promise<void>;
}

export const useTimeZones = create<TimeZonesState>((set, get) => ({
  zones: [],
  error: null,
  async load() {
    if (get().zones.length) return;
    const r = await invoke('settings:timeZones', {});
    set(r.ok ? { zones: r.value, error: null } : { error: r.error.message });
  },
}));

/** Zones whose name, city, region, words or offset contain every word typed ("new york", "+01", "eastern"). */
export function searchZones(zones: ZoneChoice[], query: string): ZoneChoice[] {
  const words = query.toLowerCase().replace(/_/g, ' ').split(/\s+/).filter(Boolean);
  if (!words.length) return zones;
  return zones.filter((z) => {
    const text = `${z.id.replace(/_/g, ' ')} ${z.label}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
