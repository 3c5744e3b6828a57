// Visits about to start for the unlocked doctor, shown in the app until dismissed.
import { create } from 'zustand';
import type { EventPayload } from '../../../preload/contract';
import { on } from '../api';

type Reminder = EventPayload<'reminders:due'>;

interface ReminderState {
  due: Reminder[];
  dismiss(appointmentId: string): void;
  subscribe(): () => void;
}

export const useReminders = create<ReminderState>((set, get) => ({
  due: [],
  dismiss(appointmentId) {
    set({ due: get().due.filter((r) => r.appointmentId !== appointmentId) });
  },
  subscribe() {
    return on('reminders:due', (r) => {
      set({ due: [...get().due.filter((d) => d.appointmentId !== r.appointmentId), r] });
    });
  },
}));
