import type { Doctor, Patient, VisitType } from '../store/records';
import type { Repositories } from '../store/repositories';
import type { PatientChoice } from './types';

const nameKey = (s: string) =>
  s
    .toLowerCase()
    .replace(/^(dr\.?|doctor)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Looks doctors and patients up by what a file says about them; loads each list once per preview. */
export async function createResolver(repos: Repositories) {
  const [doctors, patients] = await Promise.all([repos.doctors.list(), repos.patients.list()]);

  return {
    doctor(text: string): { doctor: Doctor } | { error: string } {
      const t = text.trim();
      const byEmail = doctors.filter((d) => d.email.toLowerCase() === t.toLowerCase());
      const matches = byEmail.length ? byEmail : doctors.filter((d) => nameKey(d.displayName) === nameKey(t));
      if (matches.length === 1) return { doctor: matches[0]! };
      if (matches.length > 1)
        return { error: `More than one doctor is called "${t}"; use the doctor's email instead.` };
      return { error: `No doctor "${t}" in the clinic's list.` };
    },
    doctorById: (id: string) => doctors.find((d) => d.id === id),
    /** An existing patient by email, else by name and phone; otherwise a new patient. */
    patient(name: string, email?: string, phone?: string): PatientChoice {
      const found: Patient | undefined = email
        ? patients.find((p) => p.email?.toLowerCase() === email.toLowerCase())
        : phone
          ? patients.find((p) => p.phone === phone && nameKey(p.displayName) === nameKey(name))
          : undefined;
      if (found) return { existingId: found.id, displayName: found.displayName };
      return { new: { displayName: name.trim(), email: email ?? null, phone: phone ?? null } };
    },
  };
}

// The words a file may use, matched whatever their case, spaces, hyphens or underscores: the app's
// own "Tele-visit" and "In person" first, then what other calendars and spreadsheets say.
const VISIT_WORDS: Record<string, VisitType> = {
  'tele visit': 'telemed',
  televisit: 'telemed',
  'tele visit on zoom': 'telemed',
  telemed: 'telemed',
  telemedicine: 'telemed',
  'tele medicine': 'telemed',
  tele: 'telemed',
  telehealth: 'telemed',
  video: 'telemed',
  'video visit': 'telemed',
  'video call': 'telemed',
  zoom: 'telemed',
  online: 'telemed',
  remote: 'telemed',
  'in person': 'in_person',
  inperson: 'in_person',
  'face to face': 'in_person',
  office: 'in_person',
  clinic: 'in_person',
  'at the clinic': 'in_person',
};

const visitKey = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_\-‐–]+/g, ' ');

export const readVisitType = (text: string | undefined): VisitType | undefined =>
  text === undefined ? undefined : VISIT_WORDS[visitKey(text)];

/** The visit types as the app names them, for messages and the column guide. */
export const VISIT_TYPE_WORDS = '"Tele-visit" or "In person"';

/** The key that makes two rows "the same appointment" within one file. */
export const patientKey = (p: PatientChoice) =>
  'existingId' in p
    ? `id:${p.existingId}`
    : `new:${p.new.email?.toLowerCase() ?? ''}:${nameKey(p.new.displayName)}:${p.new.phone ?? ''}`;
