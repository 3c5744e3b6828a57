// The appointment dialog: which appointment is open, saving it, cancelling it.
import { create } from 'zustand';
import type { RequestOf } from '../../../preload/contract';
import { invoke } from '../api';
import type { Appointment } from '../lib/types';
import { useDay } from './day';
import { toast } from './toasts';

type Input = RequestOf<'appointments:create'>;

interface EditorState {
  open: { mode: 'create' } | { mode: 'edit'; appointment: Appointment } | null;
  saving: boolean;
  openCreate(): void;
  openEdit(appointment: Appointment): void;
  close(): void;
  save(input: Input): Promise<string | null>;
  cancelAppointment(): Promise<string | null>;
}

export const useEditor = create<EditorState>((set, get) => ({
  open: null,
  saving: false,
  openCreate() {
    set({ open: { mode: 'create' } });
  },
  openEdit(appointment) {
    set({ open: { mode: 'edit', appointment } });
  },
  close() {
    set({ open: null, saving: false });
  },
  async save(input) {
    const open = get().open;
    if (!open) return null;
    set({ saving: true });
    const r =
      open.mode === 'create'
        ? await invoke('appointments:create', input)
        : await invoke('appointments:update', {
            ...input,
            id: open.appointment.id,
            version: open.appointment.version,
          });
    set({ saving: false });
    if (!r.ok) return r.error.message;
    toast(open.mode === 'create' ? 'Appointment booked.' : 'Appointment saved.');
    set({ open: null });
    await useDay.getState().reload();
    return null;
  },
  async cancelAppointment() {
    const open = get().open;
    if (open?.mode !== 'edit') return null;
    set({ saving: true });
    const r = await invoke('appointments:cancel', {
      id: open.appointment.id,
      version: open.appointment.version,
    });
    set({ saving: false });
    if (!r.ok) return r.error.message;
    toast('Appointment cancelled.');
    set({ open: null });
    await useDay.getState().reload();
    return null;
  },
}));
