// Client-side checks of the appointment form, in words; main validates again with the contract.
export interface AppointmentForm {
  doctorId: string;
  patientId: string;
  date: string;
  time: string;
  durationMin: string;
  visitType: 'telemed' | 'in_person';
  notes: string;
}

export type FormErrors = Partial<Record<keyof AppointmentForm, string>>;

export function validateAppointment(f: AppointmentForm): FormErrors {
  const e: FormErrors = {};
  if (!f.doctorId) e.doctorId = 'Choose a doctor.';
  if (!f.patientId) e.patientId = 'Choose a patient or add a new one.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) e.date = 'Enter a date like 2026-03-14.';
  if (!/^\d{2}:\d{2}$/.test(f.time)) e.time = 'Enter a time like 09:30.';
  const d = Number(f.durationMin);
  if (!Number.isInteger(d) || d < 5 || d > 480) e.durationMin = 'A visit lasts 5 to 480 minutes.';
  if (f.notes.length > 2000) e.notes = 'Notes are at most 2,000 characters.';
  return e;
}

/** A new PIN, typed twice: 6 to 12 digits (the core checks again). */
export function newPinProblem(pin: string, again: string): string | null {
  if (!/^\d{6,12}$/.test(pin)) return 'A new PIN is 6 to 12 digits.';
  if (pin !== again) return 'The two new PINs differ. Type the same PIN twice.';
  return null;
}
