// Words for settings IT locks by policy; every lock the core reports has a name here.
import type { ResponseOf } from '../../../../preload/contract';

export type LockedSettings = ResponseOf<'settings:get'>['locked'];

export const LOCKED = 'Set by your IT department.';

export const LOCK_NAMES: Record<keyof LockedSettings, string> = {
  clinicTimeZone: 'Clinic time zone',
  autoLockMinutes: 'Profile auto-lock',
  mode: 'Zoom mode',
  zoomClientId: 'Zoom app for doctors’ sign-in',
  redirectMode: 'How Zoom sign-in returns to the app',
  bridgeUrl: 'The clinic’s redirect page',
  kivicareSite: 'KiviCare site address',
  updates: 'App updates',
};

export const lockedNames = (locked: LockedSettings): string[] =>
  (Object.keys(LOCK_NAMES) as Array<keyof LockedSettings>).filter((k) => locked[k]).map((k) => LOCK_NAMES[k]);
