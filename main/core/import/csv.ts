import Papa from 'papaparse';
import { localToUtc } from '../time/utc';
import { isValidTimeZone } from '../time/zones';
import { fileError, MAX_IMPORT_ROWS } from './file-guard';
import type { RawRow } from './types';

const REQUIRED = ['date', 'time', 'duration', 'doctor', 'patient'] as const;
const ALIASES: Record<string, string> = {
  timezone: 'time_zone',
  zone: 'time_zone',
  visit: 'visit_type',
  type: 'visit_type',
  e_mail: 'email',
  mail: 'email',
  phone_number: 'phone',
  telephone: 'phone',
  minutes: 'duration',
};

const normalizeHeader = (h: string) => {
  const key = h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return ALIASES[key] ?? key;
};

/** Reads a CSV of appointments (header row; comma, semicolon or tab) into raw rows. */
export function parseCsv(text: string, clinicTimeZone: string): RawRow[] {
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t'],
    transformHeader: normalizeHeader,
  });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    throw fileError(
      `The file looks cut off or broken: a quoted field is never closed (row ${(quoteError.row ?? 0) + 2}).`,
    );
  }
  const fields = parsed.meta.fields ?? [];
  const missing = REQUIRED.filter((f) => !fields.includes(f));
  if (missing.length) {
    throw fileError(
      `The file needs a header row with the columns ${REQUIRED.join(', ')} (missing: ${missing.join(', ')}).`,
    );
  }
  if (parsed.data.length === 0) throw fileError('The file has a header row but no appointments.');
  if (parsed.data.length > MAX_IMPORT_ROWS)
    throw fileError(`The file has more than ${MAX_IMPORT_ROWS} rows; split it.`);

  const shapeErrors = new Map<number, string>();
  for (const e of parsed.errors)
    if (e.row !== undefined) shapeErrors.set(e.row, 'The row has the wrong number of columns.');

  return parsed.data.map((record, i) => {
    const get = (k: string) => record[k]?.trim() || undefined;
    const row: RawRow = {
      rowNumber: i + 2,
      timeZone: get('time_zone') ?? clinicTimeZone,
      doctor: get('doctor'),
      patientName: get('patient'),
      patientEmail: get('email'),
      patientPhone: get('phone'),
      visitType: get('visit_type'),
      errors: [],
      warnings: [],
    };
    const shape = shapeErrors.get(i);
    if (shape) row.errors.push(shape);
    if (!isValidTimeZone(row.timeZone)) row.errors.push(`Unknown time zone "${row.timeZone}".`);
    else readStart(row, get('date'), get('time'));
    const duration = get('duration');
    if (!duration) row.errors.push('The duration is missing.');
    else if (!/^\d+$/.test(duration))
      row.errors.push(`The duration "${duration}" is not a whole number of minutes.`);
    else row.durationMin = Number(duration);
    return row;
  });
}

function readStart(row: RawRow, date: string | undefined, time: string | undefined) {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    row.errors.push(date ? `The date "${date}" is not in the form 2030-01-31.` : 'The date is missing.');
    return;
  }
  const t = time?.match(/^(\d{1,2}):(\d{2})(?::(\d{2}))?$/);
  if (!t) {
    row.errors.push(time ? `The time "${time}" is not in the form 14:30.` : 'The time is missing.');
    return;
  }
  const local = `${date}T${t[1]!.padStart(2, '0')}:${t[2]}:${t[3] ?? '00'}`;
  const result = localToUtc(local, row.timeZone);
  if (!result.ok) {
    row.errors.push(
      result.reason === 'nonexistent'
        ? `${date} ${time} does not exist in ${row.timeZone} (the clocks change that night).`
        : `${date} ${time} is not a valid date and time.`,
    );
    return;
  }
  if (result.ambiguous)
    row.warnings.push(`${date} ${time} happens twice (clocks go back); the first one was used.`);
  row.startUtc = result.utc;
}
