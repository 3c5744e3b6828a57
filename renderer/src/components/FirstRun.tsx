// A new desktop's short set-up: the clinic admin's PIN, the clinic (name and time zone), its
// doctors with their first PINs, and how doctors reach Zoom. Offered until an admin PIN exists
// (IT may give one by policy instead); every step uses the same forms as Settings, so what the
// core refuses here is refused there too.
import { type FormEvent, useEffect, useState } from 'react';
import { ClinicSettings } from '../screens/Settings';
import { DoctorsPanel } from '../screens/settings/Doctors';
import { ZoomAccountPanel } from '../screens/settings/ZoomAccount';
import { useProfile } from '../stores/profile';
import { useSettings } from '../stores/settings';
import { Modal } from './Modal';
import { SecretField } from './SecretField';

const STEPS = ['Clinic admin', 'Clinic', 'Doctors', 'Zoom'] as const;

export function FirstRun() {
  const security = useProfile((s) => s.security);
  const [open, setOpen] = useState(false);
  if (!security || security.adminSecretSet) return open ? <Wizard onClose={() => setOpen(false)} /> : null;
  return (
    <>
      <section className="banner banner-info" aria-labelledby="first-run-heading">
        <h2 id="first-run-heading" className="banner-title">
          This desktop is not set up yet
        </h2>
        <p>Set the clinic admin’s PIN, the clinic’s time zone and its doctors. It takes a few minutes.</p>
        <button type="button" className="primary" onClick={() => setOpen(true)}>
          Set up the clinic
        </button>
      </section>
      {open && <Wizard onClose={() => setOpen(false)} />}
    </>
  );
}

function Wizard({ onClose }: { onClose(): void }) {
  const security = useProfile((s) => s.security);
  const loadSettings = useSettings((s) => s.load);
  // The steps show Settings' own forms, which read the settings the Settings screen loads.
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  const [step, setStep] = useState(security?.adminSecretSet ? 1 : 0);
  const last = step === STEPS.length - 1;
  return (
    <Modal
      title={`Set up the clinic: ${STEPS[step]} (step ${step + 1} of ${STEPS.length})`}
      onClose={onClose}
    >
      {step === 0 ? (
        <AdminStep onDone={() => setStep(1)} />
      ) : (
        <>
          {step === 1 && <ClinicSettings />}
          {step === 2 && <DoctorsPanel />}
          {step === 3 && (
            <>
              <ZoomAccountPanel />
              <p className="hint">
                With one account per doctor, each doctor connects their own Zoom on the Zoom connections
                screen, after unlocking their profile. The Zoom app’s client ID comes from IT (see
                docs/IT.md).
              </p>
            </>
          )}
          <div className="actions">
            {step > 1 && (
              <button type="button" onClick={() => setStep(step - 1)}>
                Back
              </button>
            )}
            <button type="button" className="primary" onClick={() => (last ? onClose() : setStep(step + 1))}>
              {last ? 'Done' : 'Next'}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}

function AdminStep({ onDone }: { onDone(): void }) {
  const setAdminSecret = useProfile((s) => s.setAdminSecret);
  const [secret, setSecret] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (secret.length < 6) return setError('The admin PIN or passphrase has at least 6 characters.');
    if (secret !== again) return setError('The two entries differ. Type the same PIN twice.');
    const err = await setAdminSecret(secret);
    if (err) return setError(err);
    onDone();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="The clinic admin’s PIN">
      <p className="hint">
        The clinic admin (IT or the practice manager) manages doctors, PINs, the Zoom mode and every
        clinic-wide setting. Choose a PIN or passphrase of at least 6 characters and keep it safe.
      </p>
      <SecretField
        id="first-admin"
        label="Admin PIN or passphrase"
        value={secret}
        onValue={setSecret}
        autoFocus
      />
      <SecretField
        id="first-admin-again"
        label="The same again"
        value={again}
        onValue={setAgain}
        error={error}
      />
      <div className="actions">
        <button type="submit" className="primary">
          Set admin PIN and continue
        </button>
      </div>
    </form>
  );
}
