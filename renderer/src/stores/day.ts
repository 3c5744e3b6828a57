// The appointments of one clinic day, for every doctor; screens narrow it with selectors.
import { create } from 'zustand';
import { invoke, on } from '../api';
import { byStart } from '../lib/filter';
import { shiftDay } from '../lib/time';
import type { Appointment } from '../lib/types';

interface DayState {
  date: string | null;
  timeZone: string | null;
  appointments: Appointment[];
  loading: boolean;
  error: string | null;
  loadedAt: number | null;
  /** While the clinic server is away: when the day shown was read (null when read just now). */
  asOf: string | null;
  /** The day the rows belong to (the date may already be another one, being read). */
  shownDate: string | null;
  setDate(date: string): Promise<void>;
  shift(days: number): Promise<void>;
  reload(): Promise<void>;
  subscribe(): () => void;
}

export const useDay = create<DayState>((set, get) => ({
  date: null,
  timeZone: null,
  appointments: [],
  loading: false,
  error: null,
  loadedAt: null,
  asOf: null,
  shownDate: null,
  async setDate(date) {
    set({ date });
    await get().reload();
  },
  async shift(days) {
    const d = get().date;
    if (d) await get().setDate(shiftDay(d, days));
  },
  async reload() {
    const date = get().date;
    if (!date) return;
    set({ loading: true });
    const r = await invoke('appointments:listDay', { date });
    // A slower answer for a day the user already left is dropped.
    if (get().date !== date) return;
    if (r.ok) {
      set({
        appointments: [...r.value.appointments].sort(byStart),
        timeZone: r.value.timeZone,
        loading: false,
        error: null,
        loadedAt: performance.now(),
        asOf: r.value.asOf,
        shownDate: date,
      });
    } else {
      // Another day's rows never stand under this day's date (the server away, a day not read).
      set({
        loading: false,
        error: r.error.message,
        ...(get().shownDate === date ? {} : { appointments: [], asOf: null }),
      });
    }
  },
  subscribe() {
    return on('appointments:changed', ({ date }) => {
      if (date === null || date === get().date) void get().reload();
    });
  },
}));

export const selectDoctorDay = (doctorId: string | null) => (s: DayState) =>
  doctorId ? s.appointments.filter((a) => a.doctorId === doctorId) : [];
