// The clinic admin's own PIN or passphrase: changed here with the current one, unless IT's policy
// sets it (then it is shown as managed).
import { type FormEvent, useState } from 'react';
import { AdminOnly } from '../../components/AdminOnly';
import { SecretField } from '../../components/SecretField';
import { useProfile } from '../../stores/profile';
import { toast } from '../../stores/toasts';

export function AdminSecretPanel() {
  const security = useProfile((s) => s.security);
  const setAdminSecret = useProfile((s) => s.setAdminSecret);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!security) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next.length < 6) return setError('The admin PIN or passphrase has at least 6 characters.');
    if (next !== again) return setError('The two new entries differ.');
    const err = await setAdminSecret(next, current);
    setCurrent('');
    if (err) return setError(err);
    setNext('');
    setAgain('');
    setError(null);
    toast('The admin PIN was changed.');
  };
  return (
    <article className="panel" aria-labelledby="admin-secret-heading">
      <h3 id="admin-secret-heading">Clinic admin</h3>
      <p className="hint">
        The clinic admin manages doctors and their PINs, the Zoom mode and every clinic-wide setting. Front
        desk books, edits, cancels, imports and copies links; each doctor manages only their own Zoom and PIN.
      </p>
      {security.adminSecretByPolicy ? (
        <p className="hint locked-note">The admin PIN is set by your IT department’s policy.</p>
      ) : (
        <AdminOnly channel="settings:update">
          <form onSubmit={submit} noValidate aria-label="Change the admin PIN">
            <SecretField id="admin-current" label="Current admin PIN" value={current} onValue={setCurrent} />
            <SecretField id="admin-new" label="New admin PIN or passphrase" value={next} onValue={setNext} />
            <SecretField
              id="admin-again"
              label="New admin PIN again"
              value={again}
              onValue={setAgain}
              error={error}
            />
            <button type="submit">Change admin PIN</button>
          </form>
        </AdminOnly>
      )}
    </article>
  );
}
