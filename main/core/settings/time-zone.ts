export { isValidTimeZone } from '../time/zones';

/** The zone this computer is set to, as the default clinic zone. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
