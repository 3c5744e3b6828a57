// The CSV template offered on the Import screen and its column guide: one definition, read by the
// same parser, so the template's example row always imports as it stands.

export interface ImportColumn {
  name: string;
  required: boolean;
  says: string;
  example: string;
}

export function importColumns(example: { doctor: string; date: string; zone: string }): ImportColumn[] {
  return [
    { name: 'date', required: true, says: 'The day of the visit, year-month-day.', example: example.date },
    { name: 'time', required: true, says: 'The start on a 24-hour clock.', example: '09:30' },
    { name: 'duration', required: true, says: 'Length in minutes, 5 to 480.', example: '20' },
    {
      name: 'doctor',
      required: true,
      says: 'The doctor’s name as in the clinic’s list, or their e-mail.',
      example: example.doctor,
    },
    { name: 'patient', required: true, says: 'The patient’s full name.', example: 'Ana Alvarez' },
    {
      name: 'email',
      required: false,
      says: 'The patient’s e-mail; finds a patient already in the book.',
      example: 'ana@example.org',
    },
    { name: 'phone', required: false, says: 'The patient’s phone number.', example: '+49 30 1234567' },
    {
      name: 'visit_type',
      required: false,
      says: '"Tele-visit" or "In person" (any case; telemed, video and in_person also work). Empty means in person.',
      example: 'Tele-visit',
    },
    {
      name: 'time_zone',
      required: false,
      says: `Only when the time is not on the clinic’s clock (${example.zone}), e.g. America/New_York.`,
      example: '',
    },
  ];
}

const cell = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The template file: the header row and one example row. */
export function importTemplateCsv(columns: ImportColumn[]): string {
  return `${columns.map((c) => c.name).join(',')}\r\n${columns.map((c) => cell(c.example)).join(',')}\r\n`;
}
