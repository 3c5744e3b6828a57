// Create, edit, reschedule or cancel one appointment; errors from main are shown as sent, in words.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { localParts, zoneLabel } from '../lib/time';
import { type AppointmentForm, type FormErrors, validateAppointment } from '../lib/validate';
import { useDay } from '../stores/day';
import { useEditor } from '../stores/editor';
import { useMeetings } from '../stores/meetings';
import { selectUnlockedDoctorId, useProfile } from '../stores/profile';
import { selectZone, useStatus } from '../stores/status';
import { BookingPausedNote, pausable, useBookingPaused } from './BookingPaused';
import { ClinicDateInput, ClinicTimeInput } from './ClinicTimeFields';
import { Modal } from './Modal';
import { PatientPicker } from './PatientPicker';

const PAUSED_IN_DIALOG = 'appt-paused';

export function AppointmentDialog() {
  const open = useEditor((s) => s.open);
  if (!open) return null;
  // The result of a move or a cancellation stays in the same dialog (one Modal, focus kept).
  return <Editor key={open.mode === 'create' ? 'new' : open.appointment.id} />;
}

function Editor() {
  const open = useEditor((s) => s.open)!;
  const saving = useEditor((s) => s.saving);
  const save = useEditor((s) => s.save);
  const cancelAppointment = useEditor((s) => s.cancelAppointment);
  const close = useEditor((s) => s.close);
  const doctors = useProfile((s) => s.doctors);
  const unlocked = useProfile(selectUnlockedDoctorId);
  const day = useDay((s) => s.date) ?? '';
  const zone = useStatus(selectZone);
  const check = useEditor((s) => s.check);
  const nextFree = useEditor((s) => s.nextFree);
  const editing = open.mode === 'create' ? null : open.appointment;
  // The clinic server is away: nothing is sent, and everything typed stays here until it is back.
  const paused = useBookingPaused();
  const [form, setForm] = useState<AppointmentForm>(() =>
    editing
      ? {
          doctorId: editing.doctorId,
          patientId: editing.patientId,
          ...localParts(editing.startUtc, zone),
          durationMin: String(editing.durationMin),
          visitType: editing.visitType,
          notes: '',
        }
      : {
          doctorId: unlocked ?? doctors[0]?.id ?? '',
          patientId: '',
          date: day,
          time: '09:00',
          durationMin: '20',
          visitType: 'telemed',
          notes: '',
        },
  );
  const [errors, setErrors] = useState<FormErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  // The overlaps last found for this doctor, day, time and length; a second Book goes through.
  const [warned, setWarned] = useState<{ key: string; conflicts: string[] } | null>(null);
  // The date and time the dialog filled in itself: replaced by the doctor's next free slot
  // until the user types their own.
  const auto = useRef({ date: form.date, time: form.time });
  const set = (patch: Partial<AppointmentForm>) => setForm((f) => ({ ...f, ...patch }));
  const slotKey = JSON.stringify([form.doctorId, form.date, form.time, form.durationMin]);
  const original = useRef(slotKey);
  const creating = !editing;
  const { doctorId, durationMin } = form;
  useEffect(() => {
    if (!creating || !doctorId) return;
    let live = true;
    const minutes = Number(durationMin) >= 5 ? Number(durationMin) : 20;
    void nextFree(doctorId, day, minutes).then((slot) => {
      if (!live || !slot) return;
      setForm((f) => {
        if (f.date !== auto.current.date || f.time !== auto.current.time) return f;
        auto.current = slot;
        return { ...f, ...slot };
      });
    });
    return () => {
      live = false;
    };
  }, [creating, doctorId, durationMin, day, nextFree]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (paused) return;
    const errs = validateAppointment(form);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const input = {
      doctorId: form.doctorId,
      patientId: form.patientId,
      date: form.date,
      time: form.time,
      durationMin: Number(form.durationMin),
      visitType: form.visitType,
      ...(form.notes ? { notes: form.notes } : {}),
    };
    const changedSlot = creating || slotKey !== original.current;
    if (changedSlot && warned?.key !== slotKey) {
      const conflicts = await check(input);
      if (conflicts.length) {
        setWarned({ key: slotKey, conflicts });
        return;
      }
    }
    setServerError(await save(input));
  };
  const warning = warned?.key === slotKey ? warned.conflicts : null;
  const fieldProps = (name: keyof AppointmentForm) => ({
    id: `appt-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `appt-${name}-error` : undefined,
  });
  const fieldError = (name: keyof AppointmentForm) =>
    errors[name] ? (
      <p id={`appt-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;
  const title = editing ? `Appointment of ${editing.patientName}` : 'New appointment';
  if (open.mode === 'done') {
    return (
      <Modal title={title} onClose={close}>
        <SendUpdate appointmentId={open.appointment.id} message={open.message} onDone={close} />
      </Modal>
    );
  }
  return (
    <Modal title={title} onClose={close}>
      <form onSubmit={submit} noValidate className="appt-form">
        <BookingPausedNote id={PAUSED_IN_DIALOG} />
        {serverError && (
          <p className="error-text" role="alert">
            {serverError}
          </p>
        )}
        {warning && (
          <div className="overlap-warning" role="alert">
            <p>
              <strong>This time overlaps another visit of the same doctor:</strong>
            </p>
            <ul>
              {warning.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
            <p>Change the time, or press “{editing ? 'Save anyway' : 'Book anyway'}” to keep both.</p>
          </div>
        )}
        <div className="field">
          <label htmlFor="appt-doctorId">Doctor</label>
          <select
            {...fieldProps('doctorId')}
            value={form.doctorId}
            onChange={(e) => set({ doctorId: e.target.value })}
          >
            <option value="">Choose a doctor</option>
            {doctors.map((d) => (
              <option key={d.id} value={d.id}>
                {d.displayName}
              </option>
            ))}
          </select>
          {fieldError('doctorId')}
        </div>
        <PatientPicker
          value={form.patientId}
          initialName={editing?.patientName ?? ''}
          error={errors.patientId}
          onChange={(patientId) => set({ patientId })}
        />
        <p className="zone-note">On the clinic’s clock: {zoneLabel(zone)}</p>
        <div className="field-row">
          <div className="field">
            <label htmlFor="appt-date">Date</label>
            <ClinicDateInput
              {...fieldProps('date')}
              zone={zone}
              value={form.date}
              onValue={(date) => set({ date })}
            />
            {fieldError('date')}
          </div>
          <div className="field">
            <label htmlFor="appt-time">Time</label>
            <ClinicTimeInput
              {...fieldProps('time')}
              zone={zone}
              value={form.time}
              onValue={(time) => set({ time })}
            />
            {fieldError('time')}
          </div>
          <div className="field">
            <label htmlFor="appt-durationMin">Minutes</label>
            <input
              type="number"
              min={5}
              max={480}
              step={5}
              {...fieldProps('durationMin')}
              value={form.durationMin}
              onChange={(e) => set({ durationMin: e.target.value })}
            />
            {fieldError('durationMin')}
          </div>
        </div>
        <fieldset className="field">
          <legend>Visit</legend>
          <label className="radio">
            <input
              type="radio"
              name="visitType"
              checked={form.visitType === 'telemed'}
              onChange={() => set({ visitType: 'telemed' })}
            />
            Tele-visit on Zoom
          </label>
          <label className="radio">
            <input
              type="radio"
              name="visitType"
              checked={form.visitType === 'in_person'}
              onChange={() => set({ visitType: 'in_person' })}
            />
            In person
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="appt-notes">Notes for the clinic (never sent to Zoom)</label>
          <textarea
            {...fieldProps('notes')}
            rows={2}
            value={form.notes}
            onChange={(e) => set({ notes: e.target.value })}
          />
          {fieldError('notes')}
        </div>
        <div className="actions">
          <button
            type="submit"
            className="primary"
            disabled={saving}
            {...(paused
              ? { 'aria-disabled': true, 'aria-describedby': PAUSED_IN_DIALOG, 'data-paused': true }
              : {})}
          >
            {warning
              ? editing
                ? 'Save anyway'
                : 'Book anyway'
              : editing
                ? 'Save changes'
                : 'Book appointment'}
          </button>
          <button type="button" onClick={close}>
            Close
          </button>
          {editing &&
            (confirmCancel ? (
              <button
                type="button"
                className="danger"
                disabled={saving}
                {...pausable(paused, async () => setServerError(await cancelAppointment()), PAUSED_IN_DIALOG)}
              >
                Yes, cancel this appointment
              </button>
            ) : (
              <button
                type="button"
                className="danger-outline"
                {...pausable(paused, () => setConfirmCancel(true), PAUSED_IN_DIALOG)}
              >
                Cancel appointment…
              </button>
            ))}
        </div>
      </form>
    </Modal>
  );
}

/** After a move or a cancellation: the patient's updated invitation (or notice), copied or mailed. */
function SendUpdate({
  appointmentId,
  message,
  onDone,
}: {
  appointmentId: string;
  message: string;
  onDone(): void;
}) {
  const run = useMeetings((s) => s.run);
  const busy = useMeetings((s) => s.busy[appointmentId]);
  const first = useRef<HTMLButtonElement>(null);
  // The form's button that was pressed is gone: focus goes to the first thing to do next.
  useEffect(() => first.current?.focus(), []);
  return (
    <div className="send-update">
      <p role="status">{message}</p>
      <div className="actions">
        <button
          ref={first}
          type="button"
          className="primary"
          aria-disabled={busy !== undefined}
          onClick={() => busy === undefined && void run('copyInvitation', appointmentId)}
        >
          Copy invitation
        </button>
        <button
          type="button"
          aria-disabled={busy !== undefined}
          onClick={() => busy === undefined && void run('emailInvitation', appointmentId)}
        >
          Email invitation
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
