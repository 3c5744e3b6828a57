// Patient search and creation for the appointment dialog.
import { create } from 'zustand';
import { invoke } from '../api';
import type { Patient } from '../lib/types';

interface PatientState {
  results: Patient[];
  error: string | null;
  search(query: string): Promise<void>;
  create(input: { displayName: string; email?: string; phone?: string }): Promise<Patient | string>;
}

export const usePatients = create<PatientState>((set) => ({
  results: [],
  error: null,
  async search(query) {
    const r = await invoke('patients:list', query ? { query } : {});
    set(r.ok ? { results: r.value, error: null } : { error: r.error.message });
  },
  async create(input) {
    const r = await invoke('patients:create', input);
    if (!r.ok) return r.error.message;
    set((s) => ({ results: [r.value, ...s.results] }));
    return r.value;
  },
}));
