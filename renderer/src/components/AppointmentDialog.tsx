// Create, edit, reschedule or cancel one appointment; errors from main are shown as sent, in words.
import { type FormEvent, useState } from 'react';
import { localParts, zoneLabel } from '../lib/time';
import { type AppointmentForm, type FormErrors, validateAppointment } from '../lib/validate';
import { useDay } from '../stores/day';
import { useEditor } from '../stores/editor';
import { selectUnlockedDoctorId, useProfile } from '../stores/profile';
import { selectZone, useStatus } from '../stores/status';
import { ClinicDateInput, ClinicTimeInput } from './ClinicTimeFields';
import { Modal } from './Modal';
import { PatientPicker } from './PatientPicker';

export function AppointmentDialog() {
  const open = useEditor((s) => s.open);
  if (!open) return null;
  return <Editor key={open.mode === 'edit' ? open.appointment.id : 'new'} />;
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
  const editing = open.mode === 'edit' ? open.appointment : null;
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
  const set = (patch: Partial<AppointmentForm>) => setForm((f) => ({ ...f, ...patch }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs = validateAppointment(form);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const err = await save({
      doctorId: form.doctorId,
      patientId: form.patientId,
      date: form.date,
      time: form.time,
      durationMin: Number(form.durationMin),
      visitType: form.visitType,
      ...(form.notes ? { notes: form.notes } : {}),
    });
    setServerError(err);
  };
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
  return (
    <Modal title={editing ? `Appointment of ${editing.patientName}` : 'New appointment'} onClose={close}>
      <form onSubmit={submit} noValidate className="appt-form">
        {serverError && (
          <p className="error-text" role="alert">
            {serverError}
          </p>
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
          <button type="submit" className="primary" disabled={saving}>
            {editing ? 'Save changes' : 'Book appointment'}
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
                onClick={async () => setServerError(await cancelAppointment())}
              >
                Yes, cancel this appointment
              </button>
            ) : (
              <button type="button" className="danger-outline" onClick={() => setConfirmCancel(true)}>
                Cancel appointment…
              </button>
            ))}
        </div>
      </form>
    </Modal>
  );
}
