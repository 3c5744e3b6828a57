import type { z } from 'zod';
import type { ImportPreview as ImportPreviewSchema } from '../../../preload/contract';
import type { ImportPreview } from './types';

/** A preview as the renderer sees it: what each row says, its faults and warnings; times stay UTC for the one formatter. */
export const importPreviewView = (id: string, p: ImportPreview): z.output<typeof ImportPreviewSchema> => ({
  previewId: id,
  fileError: null,
  valid: p.summary.valid,
  invalid: p.summary.invalid,
  rows: p.rows.map((r) => ({
    rowNumber: r.rowNumber,
    ok: r.ok,
    errors: r.errors,
    warnings: r.warnings,
    duplicate: r.duplicate,
    startUtc: r.shown.startUtc,
    durationMin: r.shown.durationMin,
    doctor: r.shown.doctor,
    patient: r.shown.patient,
    visitType: r.shown.visitType,
    summary: [r.shown.doctor, r.shown.patient].filter(Boolean).join(' · '),
  })),
});
