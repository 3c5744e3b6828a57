import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { NewAppointment } from '../../main/core/store';

/** A fresh temp folder per test, removed afterwards. */
export function tempDirFactory(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), 'cc-store-'));
    dirs.push(d);
    return d;
  };
}

export const dbPath = (dir: string) => join(dir, 'clinic.db');

let seq = 0;
export function appointmentRow(overrides: Partial<NewAppointment> = {}): NewAppointment {
  seq++;
  return {
    id: `appt-${seq}`,
    doctorId: 'doc-1',
    patientId: 'pat-1',
    startUtc: '2030-01-07T09:00:00Z',
    timeZone: 'Europe/Berlin',
    durationMin: 20,
    visitType: 'telemed',
    status: 1,
    reason: null,
    notes: null,
    reference: `CC-TEST${String(seq).padStart(6, '0')}`,
    source: 'local',
    sourceId: null,
    ...overrides,
  };
}
