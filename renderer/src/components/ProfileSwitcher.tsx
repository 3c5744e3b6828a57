// Front desk or one doctor: unlocking a doctor asks for the PIN; main locks after inactivity.
import { type FormEvent, useState } from 'react';
import { formatTime } from '../lib/time';
import { doctorName, useProfile } from '../stores/profile';
import { selectZone, useStatus } from '../stores/status';
import { Modal } from './Modal';

export function ProfileSwitcher() {
  const profile = useProfile((s) => s.profile);
  const doctors = useProfile((s) => s.doctors);
  const lock = useProfile((s) => s.lock);
  const [unlocking, setUnlocking] = useState<string | null>(null);
  const zone = useStatus(selectZone);
  const current = profile?.role === 'doctor' ? profile.doctorId : '';
  return (
    <div className="profile">
      <label htmlFor="profile-select">Profile</label>
      <select
        id="profile-select"
        value={current}
        onChange={(e) => {
          const v = e.target.value;
          if (v === '') void lock();
          else setUnlocking(v);
        }}
      >
        <option value="">Front desk</option>
        {doctors.map((d) => (
          <option key={d.id} value={d.id}>
            {d.displayName}
          </option>
        ))}
      </select>
      {profile?.role === 'doctor' && (
        <>
          <span className="muted lock-at">Locks at {formatTime(profile.lockAt, zone)} when idle</span>
          <button type="button" onClick={() => void lock()}>
            Lock
          </button>
        </>
      )}
      {unlocking && (
        <UnlockDialog
          doctorId={unlocking}
          name={doctorName(doctors, unlocking)}
          onClose={() => setUnlocking(null)}
        />
      )}
    </div>
  );
}

function UnlockDialog({ doctorId, name, onClose }: { doctorId: string; name: string; onClose(): void }) {
  const unlock = useProfile((s) => s.unlock);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{4,12}$/.test(pin)) {
      setError('A PIN is 4 to 12 digits.');
      return;
    }
    setBusy(true);
    const err = await unlock(doctorId, pin);
    setBusy(false);
    if (err) {
      setError(err);
      setPin('');
    } else onClose();
  };
  return (
    <Modal title={`Unlock ${name}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="pin">PIN</label>
          <input
            id="pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            // biome-ignore lint/a11y/noAutofocus: the dialog exists to take this one entry
            autoFocus
            value={pin}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'pin-error' : undefined}
            onChange={(e) => setPin(e.target.value)}
          />
          {error && (
            <p id="pin-error" className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Unlock
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
