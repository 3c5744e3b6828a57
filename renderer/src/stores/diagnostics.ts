// "Export diagnostics": main asks where, writes the folder, and tells us where it went.
import { create } from 'zustand';
import { invoke } from '../api';
import { toast } from './toasts';

interface DiagnosticsState {
  busy: boolean;
  /** The folder last written, or null (never exported, or the user cancelled). */
  folder: string | null;
  problems: number;
  error: string | null;
  exportNow(): Promise<void>;
}

export const useDiagnostics = create<DiagnosticsState>((set) => ({
  busy: false,
  folder: null,
  problems: 0,
  error: null,
  async exportNow() {
    set({ busy: true, error: null });
    const r = await invoke('app:exportDiagnostics', {});
    if (!r.ok) {
      set({ busy: false, error: r.error.message });
      return;
    }
    // Cancelled in the folder dialog: nothing was written and nothing needs saying.
    set({ busy: false, folder: r.value.folder, problems: r.value.problems });
    if (r.value.folder) toast('Diagnostics folder written. Thank you.');
  },
}));
