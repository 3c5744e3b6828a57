// Import from ICS or CSV: preview first, then an explicit commit of the valid rows.
import { create } from 'zustand';
import { invoke } from '../api';
import type { ImportPreview } from '../lib/types';
import { useDay } from './day';
import { toast } from './toasts';

interface ImportState {
  fileName: string | null;
  preview: ImportPreview | null;
  busy: boolean;
  error: string | null;
  previewFile(fileName: string, content: string): Promise<void>;
  commit(): Promise<void>;
  reset(): void;
}

export const kindOf = (fileName: string): 'ics' | 'csv' | null =>
  /\.ics$/i.test(fileName) ? 'ics' : /\.csv$/i.test(fileName) ? 'csv' : null;

export const useImporter = create<ImportState>((set, get) => ({
  fileName: null,
  preview: null,
  busy: false,
  error: null,
  async previewFile(fileName, content) {
    const kind = kindOf(fileName);
    if (!kind) {
      set({
        fileName,
        preview: null,
        error: 'Choose a calendar file (.ics) or a spreadsheet saved as .csv.',
      });
      return;
    }
    set({ fileName, busy: true, error: null, preview: null });
    const r = await invoke('import:preview', { kind, fileName, content });
    set(r.ok ? { preview: r.value, busy: false } : { error: r.error.message, busy: false });
  },
  async commit() {
    const p = get().preview;
    if (!p) return;
    set({ busy: true });
    const r = await invoke('import:commit', { previewId: p.previewId, onlyValidRows: true });
    if (!r.ok) {
      set({ busy: false, error: r.error.message });
      return;
    }
    set({ busy: false, preview: null, fileName: null });
    toast(`${r.value.imported} ${r.value.imported === 1 ? 'appointment' : 'appointments'} imported.`);
    await useDay.getState().reload();
  },
  reset() {
    set({ fileName: null, preview: null, error: null, busy: false });
  },
}));
