import { describe, expect, it } from 'vitest';
import { emptyFilters, filterAppointments, normalize, searchKeys } from '../../renderer/src/lib/filter';
import { appt } from './fixtures';

const rows = [
  appt({ startUtc: '2026-03-14T08:00:00.000Z', patientName: 'Chloé Dubois', doctorId: 'd1' }),
  appt({
    startUtc: '2026-03-14T09:00:00.000Z',
    patientName: 'Ben Hoffmann',
    doctorId: 'd2',
    visitType: 'in_person',
  }),
  appt({ startUtc: '2026-03-14T10:00:00.000Z', patientName: 'Chris Cole', doctorId: 'd2', status: 0 }),
];

describe('front-desk filtering', () => {
  it('matches patient names without case or accents', () => {
    expect(normalize('  Chloé ')).toBe('chloe');
    expect(filterAppointments(rows, { ...emptyFilters, query: 'CHLOE' }).map((r) => r.patientName)).toEqual([
      'Chloé Dubois',
    ]);
  });

  it('combines doctor, visit type and status', () => {
    expect(filterAppointments(rows, { ...emptyFilters, doctorId: 'd2' })).toHaveLength(2);
    expect(filterAppointments(rows, { ...emptyFilters, doctorId: 'd2', visitType: 'telemed' })).toHaveLength(
      1,
    );
    expect(filterAppointments(rows, { ...emptyFilters, status: 0 }).map((r) => r.patientName)).toEqual([
      'Chris Cole',
    ]);
    expect(filterAppointments(rows, { ...emptyFilters, status: 0, query: 'ben' })).toEqual([]);
  });

  it('filters 2,000 rows well within a frame', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      appt({ startUtc: '2026-03-14T08:00:00.000Z', patientName: `Patient ${i}` }),
    );
    const keys = searchKeys(many);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) filterAppointments(many, { ...emptyFilters, query: `patient ${i}` }, keys);
    expect((performance.now() - t0) / 20).toBeLessThan(16);
  });
});
