// The clinic's doctors, managed by the clinic admin: add one (with a first PIN), correct a name or
// the e-mail that names their Zoom user, set or reset a PIN, remove one. In clinic-wide Zoom mode
// meetings are made for that e-mail, so a doctor without one (the KiviCare mobile API sends none)
// gets no meetings until it is set here.
import { type FormEvent, useEffect, useState } from 'react';
import { invoke } from '../../api';
import { AdminOnly } from '../../components/AdminOnly';
import { ConfirmAction } from '../../components/ConfirmAction';
import { DialogActions } from '../../components/DialogActions';
import { NewPinFields } from '../../components/NewPinFields';
import { TextField } from '../../components/TextField';
import type { Doctor } from '../../lib/types';
import { newPinProblem } from '../../lib/validate';
import { useConnections } from '../../stores/connections';
import { useDay } from '../../stores/day';
import { useProfile } from '../../stores/profile';
import { toast } from '../../stores/toasts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function refreshPeople() {
  await Promise.all([
    useProfile.getState().load(),
    useConnections.getState().load(),
    useDay.getState().reload(),
  ]);
}

export function DoctorsPanel() {
  const doctors = useProfile((s) => s.doctors);
  return (
    <article className="panel" aria-labelledby="doctors-heading">
      <h3 id="doctors-heading">Doctors</h3>
      <p className="hint">
        The Zoom e-mail is the address of the doctor’s Zoom user. With one clinic-wide Zoom account, meetings
        are made for that user.
      </p>
      <AdminOnly channel="doctors:update">
        {doctors.length === 0 ? (
          <p className="empty">No doctors yet.</p>
        ) : (
          <ul className="doctor-list">
            {doctors.map((d) => (
              <li key={d.id}>
                <DoctorForm doctor={d} />
                <PinForm doctor={d} />
                <RemoveDoctor doctor={d} />
              </li>
            ))}
          </ul>
        )}
        <AddDoctorForm />
      </AdminOnly>
    </article>
  );
}

function DoctorForm({ doctor }: { doctor: Doctor }) {
  const [name, setName] = useState(doctor.displayName);
  const [email, setEmail] = useState(doctor.email ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setEmail(doctor.email ?? ''), [doctor.email]);
  useEffect(() => setName(doctor.displayName), [doctor.displayName]);
  const unchanged = email.trim() === (doctor.email ?? '') && name.trim() === doctor.displayName;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = email.trim();
    if (!name.trim()) return setProblem('Enter the doctor’s name.');
    if (value && !EMAIL.test(value))
      return setProblem('Enter an e-mail address such as name@clinic.example, or leave it empty.');
    setSaving(true);
    const r = await invoke('doctors:update', {
      id: doctor.id,
      ...(name.trim() !== doctor.displayName ? { displayName: name.trim() } : {}),
      email: value,
    });
    setSaving(false);
    if (!r.ok) return setProblem(r.error.message);
    setProblem(null);
    toast(`${r.value.displayName} saved.`);
    await refreshPeople();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`${doctor.displayName}: name and Zoom e-mail`}>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <TextField id={`doc-name-${doctor.id}`} label="Name" value={name} onValue={setName} />
      <TextField
        id={`doc-email-${doctor.id}`}
        label={`${doctor.displayName}: Zoom e-mail`}
        type="email"
        value={email}
        onValue={setEmail}
        hint={doctor.email ? undefined : 'Not set: clinic-wide Zoom cannot make this doctor’s meetings.'}
      />
      <button type="submit" disabled={saving || unchanged}>
        Save<span className="visually-hidden"> {doctor.displayName}</span>
      </button>
    </form>
  );
}

/** The admin sets a doctor's first PIN, or resets a forgotten one (no current PIN needed). */
function PinForm({ doctor }: { doctor: Doctor }) {
  const setPin = useProfile((s) => s.setPin);
  const [open, setOpen] = useState(false);
  const [pin, setPinValue] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const action = doctor.hasPin ? 'Reset PIN' : 'Set first PIN';
  if (!open) {
    return (
      <p>
        {doctor.hasPin ? 'Has a PIN.' : 'No PIN yet: this doctor cannot unlock their profile.'}{' '}
        <button type="button" onClick={() => setOpen(true)}>
          {action}…<span className="visually-hidden"> for {doctor.displayName}</span>
        </button>
      </p>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = newPinProblem(pin, again);
    if (problem) return setError(problem);
    const err = await setPin(doctor.id, pin);
    if (err) return setError(err);
    toast(`${doctor.displayName}’s PIN was ${doctor.hasPin ? 'reset' : 'set'}. Tell them in person.`);
    setOpen(false);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`${action} for ${doctor.displayName}`}>
      <NewPinFields
        idPrefix={`doc-${doctor.id}`}
        pin={pin}
        again={again}
        onPin={setPinValue}
        onAgain={setAgain}
        error={error}
        autoFocus
      />
      <DialogActions label={action} onCancel={() => setOpen(false)} />
    </form>
  );
}

function RemoveDoctor({ doctor }: { doctor: Doctor }) {
  const remove = async () => {
    const r = await invoke('doctors:remove', { id: doctor.id });
    toast(r.ok ? `${doctor.displayName} was removed.` : r.error.message, r.ok ? 'ok' : 'error');
    if (r.ok) await refreshPeople();
  };
  return (
    <div className="actions">
      <ConfirmAction
        label="Remove doctor…"
        labelSuffix={doctor.displayName}
        warning={`${doctor.displayName} leaves every list, their Zoom is disconnected and their PIN deleted. Past visits keep their name. A doctor with visits ahead cannot be removed.`}
        confirmLabel={`Yes, remove ${doctor.displayName}`}
        onConfirm={remove}
      />
    </div>
  );
}

function AddDoctorForm() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setProblem('Enter the doctor’s name.');
    if (email.trim() && !EMAIL.test(email.trim())) return setProblem('Enter a valid e-mail address.');
    const pinProblem = newPinProblem(pin, again);
    if (pinProblem) return setProblem(pinProblem);
    const r = await invoke('doctors:create', {
      displayName: name.trim(),
      ...(email.trim() ? { email: email.trim() } : {}),
    });
    if (!r.ok) return setProblem(r.error.message);
    const p = await invoke('profiles:setPin', { doctorId: r.value.id, newPin: pin });
    if (!p.ok)
      return setProblem(`${r.value.displayName} was added, but the PIN was not set: ${p.error.message}`);
    setProblem(null);
    setName('');
    setEmail('');
    setPin('');
    setAgain('');
    toast(`${r.value.displayName} was added.`);
    await refreshPeople();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Add a doctor">
      <h4>Add a doctor</h4>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <TextField id="new-doc-name" label="Name" value={name} onValue={setName} />
      <TextField id="new-doc-email" label="Zoom e-mail" type="email" value={email} onValue={setEmail} />
      <NewPinFields idPrefix="new-doc" pin={pin} again={again} onPin={setPin} onAgain={setAgain} first />
      <button type="submit">Add doctor</button>
    </form>
  );
}
