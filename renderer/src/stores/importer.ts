// Import from ICS or CSV: preview first, then an explicit commit of the valid rows. The rows that
// were not imported stay on screen with their reasons after the good ones are in.
import { create } from 'zustand';
import type { ResponseOf } from '../../../preload/contract';
import { invoke } from '../api';
import type { ImportPreview } from '../lib/types';
import { useDay } from './day';
import { toast } from './toasts';

type ImportTemplate = ResponseOf<'import:template'>;
type PreviewRow = ImportPreview['rows'][number];

export interface ImportOutcome {
  fileName: string;
  imported: number;
  /** The rows left out, each with what it said and why. */
  notImported: PreviewRow[];
}

interface ImportState {
  fileName: string | null;
  preview: ImportPreview | null;
  outcome: ImportOutcome | null;
  template: ImportTemplate | null;
  busy: boolean;
  error: string | null;
  loadTemplate(): Promise<void>;
  previewFile(fileName: string, content: string): Promise<void>;
  commit(): Promise<void>;
  reset(): void;
}

export const kindOf = (fileName: string): 'ics' | 'csv' | null =>
  /\.ics$/i.test(fileName) ? 'ics' : /\.csv$/i.test(fileName) ? 'csv' : null;

export const useImporter = create<ImportState>((set, get) => ({
  fileName: null,
  preview: null,
  outcome: null,
  template: null,
  busy: false,
  error: null,
  async loadTemplate() {
    const r = await invoke('import:template', {});
    if (r.ok) set({ template: r.value });
  },
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
    set({ fileName, busy: true, error: null, preview: null, outcome: null });
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
    set({
      busy: false,
      preview: null,
      outcome: {
        fileName: get().fileName ?? '',
        imported: r.value.imported,
        notImported: p.rows.filter((row) => !row.ok),
      },
    });
    toast(`${r.value.imported} ${r.value.imported === 1 ? 'appointment' : 'appointments'} imported.`);
    await useDay.getState().reload();
  },
  reset() {
    set({ fileName: null, preview: null, outcome: null, error: null, busy: false });
  },
}));
