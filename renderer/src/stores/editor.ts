// The appointment dialog: which appointment is open, checking it for overlaps, saving it,
// cancelling it, and what to send the patient after a change.
import { create } from 'zustand';
import type { RequestOf } from '../../../preload/contract';
import { invoke } from '../api';
import type { Appointment } from '../lib/types';
import { useDay } from './day';
import { toast } from './toasts';

type Input = RequestOf<'appointments:create'>;

export type EditorOpen =
  | { mode: 'create' }
  | { mode: 'edit'; appointment: Appointment }
  /** A visit was moved or cancelled: the dialog offers the updated invitation. */
  | { mode: 'done'; appointment: Appointment; message: string };

interface EditorState {
  open: EditorOpen | null;
  saving: boolean;
  openCreate(): void;
  openEdit(appointment: Appointment): void;
  close(): void;
  /** The doctor's visits this time would overlap, in words (none when the check itself fails). */
  check(input: Input): Promise<string[]>;
  nextFree(
    doctorId: string,
    date: string,
    durationMin: number,
  ): Promise<{ date: string; time: string } | null>;
  save(input: Input): Promise<string | null>;
  cancelAppointment(): Promise<string | null>;
}

const sendable = (a: Appointment) => a.visitType === 'telemed';

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
  async check(input) {
    const open = get().open;
    const r = await invoke('appointments:check', {
      doctorId: input.doctorId,
      date: input.date,
      time: input.time,
      durationMin: input.durationMin,
      ...(open?.mode === 'edit' ? { id: open.appointment.id } : {}),
    });
    return r.ok ? r.value.conflicts : [];
  },
  async nextFree(doctorId, date, durationMin) {
    const r = await invoke('appointments:nextFree', { doctorId, durationMin, ...(date ? { date } : {}) });
    return r.ok ? r.value : null;
  },
  async save(input) {
    const open = get().open;
    if (!open || open.mode === 'done') return null;
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
    const moved =
      open.mode === 'edit' &&
      (r.value.startUtc !== open.appointment.startUtc ||
        r.value.durationMin !== open.appointment.durationMin ||
        r.value.doctorId !== open.appointment.doctorId);
    if (moved && sendable(r.value)) {
      set({
        open: {
          mode: 'done',
          appointment: r.value,
          message: `Appointment moved. Send ${r.value.patientName} the updated invitation:`,
        },
      });
    } else {
      toast(open.mode === 'create' ? 'Appointment booked.' : 'Appointment saved.');
      set({ open: null });
    }
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
    if (sendable(r.value)) {
      set({
        open: {
          mode: 'done',
          appointment: r.value,
          message: `Appointment cancelled. Let ${r.value.patientName} know:`,
        },
      });
    } else {
      toast('Appointment cancelled.');
      set({ open: null });
    }
    await useDay.getState().reload();
    return null;
  },
}));
