// The "site database" of the test KiviCare: users, doctors, patients, appointments and the
// Telemedicine add-on's zoom mapping rows, with the fields kivicare.md documents.
import { DateTime } from 'luxon';

export interface SiteUser {
  username: string;
  email: string;
  password: string;
  roles: string[];
  /** A WordPress application password, where the site allows them. */
  appPassword?: string;
}

export interface ZoomMappingRow {
  id: number;
  appointment_id: number;
  zoom_id: string;
  zoom_uuid: string;
  start_url: string;
  join_url: string;
  password: string;
  created_at: string;
}

export interface SiteAppointmentRow {
  id: number;
  /** Site-local wall time `YYYY-MM-DD HH:mm:ss`. */
  start: string;
  end: string;
  doctorId: number;
  patientId: number;
  /** Always the documented meaning (0 Cancelled, 1 Booked, 2 Pending, 3 Check-out, 4 Check-in). */
  status: 0 | 1 | 2 | 3 | 4;
  services: string[];
  clinicId: number;
  zoom: ZoomMappingRow | null;
}

export interface SitePersonRow {
  id: number;
  name: string;
  email: string;
}

export interface SiteData {
  timeZone: string;
  users: SiteUser[];
  doctors: SitePersonRow[];
  patients: SitePersonRow[];
  appointments: SiteAppointmentRow[];
}

export const STATUS_NAMES = ['Cancelled', 'Booked', 'Pending', 'Check-out', 'Check-in'] as const;

let zoomSeq = 86000000000;
export function zoomRow(appointmentId: number): ZoomMappingRow {
  zoomSeq += 1;
  return {
    id: appointmentId,
    appointment_id: appointmentId,
    zoom_id: String(zoomSeq),
    zoom_uuid: `uuid${zoomSeq}==`,
    start_url: `https://zoom.us/s/${zoomSeq}?zak=SECRET-ZAK-${zoomSeq}`,
    join_url: `https://zoom.us/j/${zoomSeq}?pwd=JoinPwd${zoomSeq}`,
    password: `P${String(zoomSeq).slice(-6)}`,
    created_at: '2026-01-01 09:00:00',
  };
}

/**
 * The mapping as the add-on hands it to the API: `$appointmentData['zoom_data'] = $mapping->toArray()`
 * (snake_case key, camelCase fields, zoomUUID spelt in capitals). Both APIs send it this way.
 */
export function addonZoomData(z: ZoomMappingRow): Record<string, unknown> {
  return {
    id: z.id,
    appointmentId: z.appointment_id,
    zoomId: z.zoom_id,
    zoomUUID: z.zoom_uuid,
    startUrl: z.start_url,
    joinUrl: z.join_url,
    password: z.password,
    createdAt: z.created_at,
  };
}

/**
 * Twenty-odd appointments around `today` (site-local): site-provisioned telemed visits, telemed
 * visits without a meeting, in-person visits, a cancelled one, one across the spring DST change,
 * and some outside the default sync window.
 */
export function demoSite(today: string, timeZone = 'Europe/Berlin'): SiteData {
  const day = (offset: number) =>
    DateTime.fromISO(today, { zone: timeZone }).plus({ days: offset }).toISODate()!;
  const appointments: SiteAppointmentRow[] = [];
  const add = (
    offset: number,
    time: string,
    doctorId: number,
    patientId: number,
    kind: 'zoom' | 'telemed' | 'clinic',
    status: SiteAppointmentRow['status'] = 1,
    minutes = 30,
  ) => {
    const id = 100 + appointments.length;
    const start = DateTime.fromISO(`${day(offset)}T${time}`, { zone: timeZone });
    appointments.push({
      id,
      start: start.toFormat('yyyy-MM-dd HH:mm:ss'),
      end: start.plus({ minutes }).toFormat('yyyy-MM-dd HH:mm:ss'),
      doctorId,
      patientId,
      status,
      services: kind === 'clinic' ? ['General check-up'] : ['telemed'],
      clinicId: 1,
      zoom: kind === 'zoom' ? zoomRow(id) : null,
    });
  };
  add(-5, '09:00:00', 3, 7, 'zoom'); // before the window
  add(-1, '09:00:00', 3, 7, 'zoom', 3);
  add(0, '09:00:00', 3, 7, 'zoom', 4);
  add(0, '09:30:00', 3, 8, 'telemed', 2);
  add(0, '10:00:00', 4, 9, 'clinic');
  add(0, '11:00:00', 4, 7, 'zoom', 0);
  for (let i = 1; i <= 14; i++)
    add(
      i,
      i % 2 ? '14:00:00' : '08:15:00',
      i % 2 ? 3 : 4,
      7 + (i % 3),
      i % 3 ? 'zoom' : 'telemed',
      i % 4 === 0 ? 2 : 1,
      15 + (i % 3) * 15,
    );
  add(20, '10:00:00', 4, 8, 'clinic', 1, 45);
  add(59, '16:00:00', 3, 9, 'telemed');
  add(90, '10:00:00', 3, 7, 'zoom'); // after the window
  return {
    timeZone,
    users: [
      {
        username: 'frontdesk',
        email: 'desk@clinic.example',
        password: 'Desk-Pass-4821',
        roles: ['kiviCare_receptionist'],
        appPassword: 'abcd EFGH ijkl MNOP qrst UVWX',
      },
      {
        username: 'wpadmin',
        email: 'admin@clinic.example',
        password: 'Admin-Pass-9931',
        roles: ['administrator'],
      },
    ],
    doctors: [
      { id: 3, name: 'Dr. Anna Weber', email: 'anna.weber@clinic.example' },
      { id: 4, name: 'Dr. Ben Okafor', email: 'ben.okafor@clinic.example' },
    ],
    patients: [
      { id: 7, name: 'Maria Lopez', email: 'maria@example.org' },
      { id: 8, name: 'Tom Becker', email: 'tom@example.org' },
      { id: 9, name: 'Aisha Khan', email: 'aisha@example.org' },
    ],
    appointments,
  };
}
