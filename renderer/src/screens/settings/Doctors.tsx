// The clinic's doctors and the e-mail that names each one's Zoom user. In clinic-wide Zoom mode
// meetings are made for that address, so a doctor without one (the mobile-app API sends none)
// gets no meetings until it is set here.
import { type FormEvent, useEffect, useState } from 'react';
import { invoke } from '../../api';
import { TextField } from '../../components/TextField';
import type { Doctor } from '../../lib/types';
import { useConnections } from '../../stores/connections';
import { useDay } from '../../stores/day';
import { useProfile } from '../../stores/profile';
import { toast } from '../../stores/toasts';

export function DoctorsPanel() {
  const doctors = useProfile((s) => s.doctors);
  return (
    <article className="panel" aria-labelledby="doctors-heading">
      <h3 id="doctors-heading">Doctors</h3>
      <p className="hint">
        The Zoom e-mail is the address of the doctor’s Zoom user. With one clinic-wide Zoom account, meetings
        are made for that user.
      </p>
      {doctors.length === 0 ? (
        <p className="empty">No doctors yet.</p>
      ) : (
        <ul className="doctor-list">
          {doctors.map((d) => (
            <li key={d.id}>
              <DoctorEmailForm doctor={d} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function DoctorEmailForm({ doctor }: { doctor: Doctor }) {
  const [email, setEmail] = useState(doctor.email ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setEmail(doctor.email ?? ''), [doctor.email]);
  const unchanged = email.trim() === (doctor.email ?? '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = email.trim();
    if (value && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      setProblem('Enter an e-mail address such as name@clinic.example, or leave it empty.');
      return;
    }
    setSaving(true);
    const r = await invoke('doctors:update', { id: doctor.id, email: value });
    setSaving(false);
    if (!r.ok) return setProblem(r.error.message);
    setProblem(null);
    toast(`${doctor.displayName}’s Zoom e-mail saved.`);
    await Promise.all([
      useProfile.getState().load(),
      useConnections.getState().load(),
      useDay.getState().reload(),
    ]);
  };
  const id = `doc-email-${doctor.id}`;
  return (
    <form onSubmit={submit} noValidate aria-label={`${doctor.displayName}: Zoom e-mail`}>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <TextField
        id={id}
        label={`${doctor.displayName}: Zoom e-mail`}
        type="email"
        value={email}
        onValue={setEmail}
        hint={doctor.email ? undefined : 'Not set: clinic-wide Zoom cannot make this doctor’s meetings.'}
      />
      <button type="submit" disabled={saving || unchanged}>
        Save e-mail
      </button>
    </form>
  );
}
