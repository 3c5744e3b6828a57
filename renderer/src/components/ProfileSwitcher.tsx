// Front desk, one doctor or the clinic admin: unlocking asks for the PIN (or the admin's passphrase);
// main locks after inactivity and decides what each profile may do. Walking the list with the
// arrow keys only chooses; Enter or "Switch profile" opens the unlock dialog (a mouse pick opens it).
import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import { formatTime } from '../lib/time';
import { newPinProblem } from '../lib/validate';
import { doctorName, useProfile } from '../stores/profile';
import { selectZone, useStatus } from '../stores/status';
import { toast } from '../stores/toasts';
import { DialogActions } from './DialogActions';
import { Modal } from './Modal';
import { NewPinFields } from './NewPinFields';
import { SecretField } from './SecretField';

const ADMIN = 'admin';
/** Keys that move a closed <select> to another option (and fire 'change' at once). */
const WALKS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);
const walks = (e: KeyboardEvent) => WALKS.has(e.key) || (e.key.length === 1 && e.key !== ' ');

export function ProfileSwitcher() {
  const profile = useProfile((s) => s.profile);
  const doctors = useProfile((s) => s.doctors);
  const lock = useProfile((s) => s.lock);
  const [unlocking, setUnlocking] = useState<string | null>(null);
  const [changingPin, setChangingPin] = useState(false);
  const zone = useStatus(selectZone);
  const current = profile?.role === 'doctor' ? profile.doctorId : profile?.role === 'admin' ? ADMIN : '';
  // A profile chosen with the keyboard, not yet switched to.
  const [pending, setPending] = useState<string | null>(null);
  const keyed = useRef(false);
  const choose = (v: string) => {
    setPending(null);
    if (v === current) return;
    if (v === '') void lock();
    else setUnlocking(v);
  };
  const pendingName =
    pending === null
      ? ''
      : pending === ''
        ? 'Front desk'
        : pending === ADMIN
          ? 'Clinic admin'
          : doctorName(doctors, pending);
  return (
    <div className="profile">
      <label htmlFor="profile-select">Profile</label>
      <select
        id="profile-select"
        value={pending ?? current}
        onKeyDown={(e) => {
          if (pending !== null && e.key === 'Enter') {
            e.preventDefault();
            choose(pending);
          } else if (pending !== null && e.key === 'Escape') {
            e.preventDefault();
            setPending(null);
          } else keyed.current = walks(e);
        }}
        onMouseDown={() => {
          keyed.current = false;
        }}
        onChange={(e) => {
          const v = e.target.value;
          if (keyed.current) {
            keyed.current = false;
            setPending(v === current ? null : v);
          } else choose(v);
        }}
      >
        <option value="">Front desk</option>
        {doctors.map((d) => (
          <option key={d.id} value={d.id}>
            {d.displayName}
          </option>
        ))}
        <option value={ADMIN}>Clinic admin</option>
      </select>
      {pending !== null && (
        <button type="button" className="primary" onClick={() => choose(pending)}>
          Switch profile<span className="visually-hidden"> to {pendingName}</span>
        </button>
      )}
      {profile && profile.role !== 'front-desk' && (
        <>
          <span className="muted lock-at">Locks at {formatTime(profile.lockAt, zone)} when idle</span>
          {profile.role === 'doctor' && (
            <button type="button" onClick={() => setChangingPin(true)}>
              Change my PIN
            </button>
          )}
          <button type="button" onClick={() => void lock()}>
            Lock
          </button>
        </>
      )}
      {unlocking === ADMIN && <AdminUnlockDialog onClose={() => setUnlocking(null)} />}
      {unlocking && unlocking !== ADMIN && (
        <UnlockDialog
          doctorId={unlocking}
          name={doctorName(doctors, unlocking)}
          onClose={() => setUnlocking(null)}
        />
      )}
      {changingPin && profile?.role === 'doctor' && (
        <ChangePinDialog doctorId={profile.doctorId} onClose={() => setChangingPin(false)} />
      )}
    </div>
  );
}

/** The admin's PIN or passphrase; on a new desktop (none set, none from IT) the first one is set here. */
function AdminUnlockDialog({ onClose }: { onClose(): void }) {
  const security = useProfile((s) => s.security);
  const unlockAdmin = useProfile((s) => s.unlockAdmin);
  const setAdminSecret = useProfile((s) => s.setAdminSecret);
  const first = security !== null && !security.adminSecretSet;
  const [secret, setSecret] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (secret.length < 6) return setError('The admin PIN or passphrase has at least 6 characters.');
    if (first && secret !== again) return setError('The two entries differ. Type the same PIN twice.');
    setBusy(true);
    const err = first ? await setAdminSecret(secret) : await unlockAdmin(secret);
    setBusy(false);
    if (err) {
      setError(err);
      setSecret('');
      setAgain('');
    } else onClose();
  };
  return (
    <Modal title={first ? 'Set the clinic admin PIN' : 'Unlock clinic admin'} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {first && (
          <p className="hint">
            No admin PIN is set on this desktop yet. The clinic admin (IT or the practice manager) manages
            doctors, PINs, the Zoom mode and every clinic-wide setting. Choose a PIN or passphrase of at least
            6 characters and keep it safe.
          </p>
        )}
        <SecretField
          id="admin-secret"
          label="Admin PIN or passphrase"
          value={secret}
          onValue={setSecret}
          error={error}
          autoFocus
        />
        {first && (
          <SecretField id="admin-secret-again" label="The same again" value={again} onValue={setAgain} />
        )}
        <DialogActions label={first ? 'Set admin PIN' : 'Unlock'} busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** A doctor changes their own PIN: the current one (counted like an unlock), then the new one twice. */
function ChangePinDialog({ doctorId, onClose }: { doctorId: string; onClose(): void }) {
  const setPin = useProfile((s) => s.setPin);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = newPinProblem(next, again);
    if (problem) return setError(problem);
    setBusy(true);
    const err = await setPin(doctorId, next, current);
    setBusy(false);
    if (err) {
      setError(err);
      setCurrent('');
    } else {
      toast('Your PIN was changed.');
      onClose();
    }
  };
  return (
    <Modal title="Change my PIN" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <SecretField
          id="pin-current"
          label="Current PIN"
          value={current}
          onValue={setCurrent}
          numeric
          autoFocus
        />
        <NewPinFields
          idPrefix="my"
          pin={next}
          again={again}
          onPin={setNext}
          onAgain={setAgain}
          error={error}
        />
        <DialogActions label="Change PIN" busy={busy} onCancel={onClose} />
      </form>
    </Modal>
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
        <DialogActions label="Unlock" busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}
