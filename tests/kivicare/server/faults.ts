// What can go wrong on the test site, switched on by tests.
export type StatusReading = 'documented' | 'swapped';

export interface SiteFaults {
  /** Every API answer is libsodium-"encrypted" and marked X-KiviCare-Encrypted: true. */
  encrypted: boolean;
  /** Every API answer is an HTML page: a PHP fatal error (500) or WordPress maintenance (503). */
  html: null | 'fatal' | 'maintenance';
  /** Delay before every answer. */
  delayMs: number;
  /** List page n fails (HTML fatal, JSON 500, or hangs past any client time-out). */
  failOnPage: null | { page: number; as: 'html' | 'json-500' | 'hang' };
  /** How the site writes status numbers; labels (names) are sent when statusLabels is on. */
  statusReading: StatusReading;
  statusLabels: boolean;
  /** The site ignores date_from/date_to, as 4.x does for a malformed value. */
  ignoreDateFilter: boolean;
  /** Every nonce the site issues is refused at once (to prove the client does not loop). */
  noncesAlwaysStale: boolean;
  /** 4.3 behaviour: unauthenticated calls without X-KC-Client-Id are refused. */
  requireClientId: boolean;
  /** What the WordPress index shows: which APIs exist, or that the index is hidden. */
  apis: 'v4' | 'mobile' | 'both' | 'none';
  indexHidden: boolean;
  /** How the mobile API writes zoom_data: the add-on's toArray() (camelCase) or the raw table row. */
  mobileZoomRow: 'to-array' | 'table-row';
  /** A list filtered by patient (the look-up for a visit that left the window) fails with a 500. */
  failPatientLookups: boolean;
  /** A row whose content is garbage but whose id is readable. */
  garbleAppointment: number | null;
}

export const defaultFaults = (): SiteFaults => ({
  encrypted: false,
  html: null,
  delayMs: 0,
  failOnPage: null,
  statusReading: 'documented',
  statusLabels: false,
  ignoreDateFilter: false,
  noncesAlwaysStale: false,
  requireClientId: true,
  apis: 'both',
  indexHidden: false,
  garbleAppointment: null,
  mobileZoomRow: 'to-array',
  failPatientLookups: false,
});

/** The number the site writes for a documented status. */
export const siteStatusCode = (status: number, reading: StatusReading): number =>
  reading === 'swapped' && (status === 2 || status === 4) ? 6 - status : status;
