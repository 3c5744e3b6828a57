// Finds a patient by name, or adds a new one without leaving the appointment dialog.
import { useEffect, useState } from 'react';
import type { Patient } from '../lib/types';
import { usePatients } from '../stores/patients';

interface Props {
  value: string;
  initialName: string;
  error?: string;
  onChange(patientId: string): void;
}

export function PatientPicker({ value, initialName, error, onChange }: Props) {
  const results = usePatients((s) => s.results);
  const search = usePatients((s) => s.search);
  const create = usePatients((s) => s.create);
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  useEffect(() => {
    const t = setTimeout(() => void search(query.trim()), 150);
    return () => clearTimeout(t);
  }, [query, search]);
  const options: Patient[] =
    value && !results.some((p) => p.id === value)
      ? [{ id: value, displayName: initialName, email: null, phone: null }, ...results]
      : results;
  const add = async () => {
    if (!name.trim()) {
      setAddError('Enter the patient’s name.');
      return;
    }
    const r = await create({ displayName: name.trim(), ...(email.trim() ? { email: email.trim() } : {}) });
    if (typeof r === 'string') setAddError(r);
    else {
      onChange(r.id);
      setAdding(false);
      setName('');
      setEmail('');
      setAddError(null);
    }
  };
  return (
    <fieldset className="patient-picker">
      <legend>Patient</legend>
      <div className="field">
        <label htmlFor="patient-search">Search patients</label>
        <input id="patient-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="patient-select">Patient</label>
        <select
          id="patient-select"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'patient-error' : undefined}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">Choose a patient</option>
          {options.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
              {p.email ? ` (${p.email})` : ''}
            </option>
          ))}
        </select>
        {error && (
          <p id="patient-error" className="field-error">
            {error}
          </p>
        )}
      </div>
      {adding ? (
        <div className="new-patient">
          <div className="field">
            <label htmlFor="new-patient-name">New patient’s name</label>
            <input id="new-patient-name" value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="new-patient-email">E-mail (optional)</label>
            <input
              id="new-patient-email"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          {addError && (
            <p className="field-error" role="alert">
              {addError}
            </p>
          )}
          <div className="actions">
            <button type="button" onClick={() => void add()}>
              Add patient
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              Cancel new patient
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="link" onClick={() => setAdding(true)}>
          New patient…
        </button>
      )}
    </fieldset>
  );
}
