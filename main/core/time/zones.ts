import { IANAZone } from 'luxon';

/** True for IANA zone names the runtime knows ('Europe/Berlin'); offsets like '+02:00' are not zones. */
export const isValidTimeZone = (zone: string): boolean =>
  zone.includes('/') || zone === 'UTC' ? IANAZone.isValidZone(zone) : false;
