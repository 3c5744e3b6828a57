// A KiviCare-compatible site on 127.0.0.1: both APIs, WordPress auth, faults, and controls to
// change the "site" between syncs.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { SiteAuth } from './auth';
import { defaultFaults, type SiteFaults } from './faults';
import { sendHtml, sendJson, wpError } from './http';
import { handleJwtToken, handleMobileList } from './mobile-routes';
import { type SiteAppointmentRow, type SiteData, zoomRow } from './site-data';
import { handleV4, type RouteContext } from './v4-routes';

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  clientId: string | undefined;
}

export interface TestSite {
  url: string;
  data: SiteData;
  faults: SiteFaults;
  requests: LoggedRequest[];
  logins: { v4: number; jwt: number };
  add(row: Omit<SiteAppointmentRow, 'id' | 'zoom' | 'clinicId'> & { zoom?: boolean }): number;
  /** Moves an appointment: new local start (`YYYY-MM-DD HH:mm:ss`) keeping its length, or other fields. */
  change(id: number, patch: Partial<Omit<SiteAppointmentRow, 'id'>>): void;
  reschedule(id: number, localStart: string): void;
  cancel(id: number): void;
  remove(id: number): void;
  /** The Telemedicine add-on makes (or drops) the meeting for an appointment. */
  setMeeting(id: number, on: boolean): void;
  expireNonces(): void;
  expireTokens(): void;
  close(): Promise<void>;
}

export async function startTestSite(data: SiteData, faults: Partial<SiteFaults> = {}): Promise<TestSite> {
  const f: SiteFaults = { ...defaultFaults(), ...faults };
  const auth = new SiteAuth(() => data.users);
  const requests: LoggedRequest[] = [];
  const logins = { v4: 0, jwt: 0 };
  const hanging = new Set<ServerResponse>();

  const ctx: RouteContext = {
    data,
    faults: f,
    auth,
    logins,
    async pageFault(res, page) {
      if (!f.failOnPage || f.failOnPage.page !== page) return false;
      if (f.failOnPage.as === 'html') sendHtml(res, 'fatal');
      else if (f.failOnPage.as === 'json-500') wpError(res, 500, 'internal_server_error', 'Database error');
      else hanging.add(res);
      return true;
    },
  };

  const namespaces = () => [
    'oembed/1.0',
    'wp/v2',
    ...(f.apis === 'v4' || f.apis === 'both' ? ['kivicare/v1'] : []),
    // kivicare-api registers one namespace per module, never a bare kivicare/api/v1.
    ...(f.apis === 'mobile' || f.apis === 'both'
      ? ['kivicare/api/v1/auth', 'kivicare/api/v1/appointment', 'kivicare/api/v1/doctor', 'jwt-auth/v1']
      : []),
  ];

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://site');
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      clientId: req.headers['x-kc-client-id'] as string | undefined,
    });
    if (f.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
    if (f.html) return sendHtml(res, f.html);
    if (f.failPatientLookups && (url.searchParams.has('patient') || url.searchParams.has('patient_id')))
      return wpError(res, 500, 'internal_server_error', 'Database error');
    const p = url.pathname;
    if (p === '/wp-json' || p === '/wp-json/') {
      if (f.indexHidden)
        return wpError(res, 401, 'rest_login_required', 'REST API restricted to authenticated users.');
      return sendJson(res, 200, {
        name: 'Test Clinic',
        url: 'https://clinic.example',
        gmt_offset: DateTime.now().setZone(data.timeZone).offset / 60,
        timezone_string: data.timeZone,
        namespaces: namespaces(),
      });
    }
    if (f.encrypted && p.startsWith('/wp-json/kivicare/')) {
      // What a site with a registered client key sends: a sealed box, not JSON data we can read.
      return sendJson(
        res,
        200,
        { data: randomBytes(48).toString('base64') },
        { 'x-kivicare-encrypted': 'true' },
      );
    }
    const v4 = f.apis === 'v4' || f.apis === 'both';
    const mobile = f.apis === 'mobile' || f.apis === 'both';
    if (v4 && p.startsWith('/wp-json/kivicare/v1')) return handleV4(ctx, req, res, url);
    if (mobile && p === '/wp-json/jwt-auth/v1/token' && req.method === 'POST')
      return handleJwtToken(ctx, req, res);
    if (mobile && p === '/wp-json/kivicare/api/v1/appointment/get-appointment')
      return handleMobileList(ctx, req, res, url);
    return wpError(res, 404, 'rest_no_route', 'No route was found matching the URL and request method.');
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e) => {
      if (!res.headersSent) wpError(res, 500, 'test_site_bug', String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const find = (id: number) => {
    const row = data.appointments.find((a) => a.id === id);
    if (!row) throw new Error(`test site has no appointment ${id}`);
    return row;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    data,
    faults: f,
    requests,
    logins,
    add(row) {
      const id = Math.max(0, ...data.appointments.map((a) => a.id)) + 1;
      const { zoom, ...rest } = row;
      data.appointments.push({ ...rest, id, clinicId: 1, zoom: zoom ? zoomRow(id) : null });
      return id;
    },
    change: (id, patch) => Object.assign(find(id), patch),
    reschedule(id, localStart) {
      const row = find(id);
      const minutes = DateTime.fromSQL(row.end).diff(DateTime.fromSQL(row.start), 'minutes').minutes;
      row.start = localStart;
      row.end = DateTime.fromSQL(localStart).plus({ minutes }).toFormat('yyyy-MM-dd HH:mm:ss');
    },
    cancel: (id) => {
      find(id).status = 0;
    },
    remove(id) {
      find(id);
      data.appointments = data.appointments.filter((a) => a.id !== id);
    },
    setMeeting(id, on) {
      find(id).zoom = on ? zoomRow(id) : null;
    },
    expireNonces: () => auth.expireNonces(),
    expireTokens: () => auth.expireTokens(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
