// The KiviCare part of the soak: a clinic whose schedule lives on a KiviCare site (4.x API), some of
// whose tele-visits the site's Telemedicine add-on already gave a meeting. Over simulated days the
// site changes under the companion (visits moved within and far past the sync windows, cancelled,
// deleted, meetings added by the site later) while Zoom fails now and then. What must hold: no visit
// with a site meeting has a second one on Zoom, a visit moved far ahead keeps the meeting its
// patient already has, nothing is duplicated, orphaned, or cancelled that the site still has.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { createServices } from '../../../main/core/app/services';
import { memoryLogger } from '../../../main/core/logging/logger';
import { createKiviCareV4Source } from '../../../main/core/sources/kivicare-v4';
import { KiviCareSync } from '../../../main/core/sources/sync';
import { createDevFileCipher } from '../../../main/core/vault';
import { createZoomRateLimiter } from '../../../main/core/zoom';
import { startZoomSandbox } from '../../../main/core/zoom-sandbox';
import { startTestSite } from '../../kivicare/server/server';
import { type SiteAppointmentRow, type SiteData, zoomRow } from '../../kivicare/server/site-data';
import { connectDoctor, drainFully, ShiftedClock } from './clinic-week';
import { addBackgroundFaults } from './fault-mix';
import { seeded } from './plan';

const ZONE = 'Europe/Berlin';
const STEP_MS = 15 * 60_000;
const SITE_FORMAT = 'yyyy-MM-dd HH:mm:ss';

export interface KiviCareWeekOptions {
  visits: number;
  days: number;
  seed?: number;
  maxRealMs?: number;
  progress?: (line: string) => void;
}

export interface KiviCareWeekFigures {
  visits: number;
  siteMadeAtStart: number;
  simulatedDays: number;
  finishedInTime: boolean;
  changes: Record<string, number>;
  syncs: { ok: number; failed: number };
  /** Visits with a site meeting that also had a live companion meeting on Zoom at the end. */
  secondMeetings: number;
  /** Visits moved far ahead whose companion meeting was replaced by a new one. */
  movedRecreated: number;
  /** Visits moved far ahead, still the companion's, whose meeting was checked. */
  movedChecked: number;
  /** Visits the site still has (not cancelled) that the companion cancelled. */
  wronglyCancelled: number;
  duplicates: number;
  orphansOnZoom: number;
  zoomCreates: number;
  realMs: number;
  problems: string[];
}

const doctors = [
  { id: 3, name: 'Dr. Anna Weber', email: 'anna.weber@sandbox.test' },
  { id: 4, name: 'Dr. Ben Okafor', email: 'ben.okafor@sandbox.test' },
  { id: 5, name: 'Dr. Chen Li', email: 'chen.li@sandbox.test' },
];

/** Visits over the next `days` site-local days, clinic hours, a third of tele-visits site-made. */
function siteData(startMs: number, o: KiviCareWeekOptions, random: () => number): SiteData {
  const start = DateTime.fromMillis(startMs, { zone: ZONE }).startOf('day');
  const appointments: SiteAppointmentRow[] = [];
  for (let i = 0; i < o.visits; i++) {
    const id = 1000 + i;
    const day = Math.floor(random() * o.days);
    const minute = 8 * 60 + Math.floor(random() * 36) * 15;
    const at = start.plus({ days: day, minutes: minute });
    const telemed = random() < 0.75;
    appointments.push({
      id,
      start: at.toFormat(SITE_FORMAT),
      end: at.plus({ minutes: 30 }).toFormat(SITE_FORMAT),
      doctorId: doctors[i % doctors.length]!.id,
      patientId: 100 + (i % 40),
      status: 1,
      services: telemed ? ['telemed'] : ['General check-up'],
      clinicId: 1,
      zoom: telemed && random() < 0.35 ? zoomRow(id) : null,
    });
  }
  return {
    timeZone: ZONE,
    users: [
      {
        username: 'frontdesk',
        email: 'desk@clinic.example',
        password: 'Desk-Pass-4821',
        roles: ['kiviCare_receptionist'],
      },
    ],
    doctors,
    patients: Array.from({ length: 40 }, (_, p) => ({
      id: 100 + p,
      name: `Patient Quillfeather-${p}`,
      email: `patient${p}@example.org`,
    })),
    appointments,
  };
}

export async function runKiviCareWeek(o: KiviCareWeekOptions): Promise<KiviCareWeekFigures> {
  const started = Date.now();
  const random = seeded(o.seed ?? 11);
  const log = o.progress ?? (() => {});
  const clock = new ShiftedClock();
  // Start at 06:00 site time today, so the first visits lie ahead.
  clock.offset = DateTime.now().setZone(ZONE).startOf('day').plus({ hours: 6 }).toMillis() - Date.now();
  const data = siteData(clock.ms(), o, random);
  const site = await startTestSite(data);
  const sandbox = await startZoomSandbox({
    now: clock.ms,
    seed: o.seed ?? 11,
    rateLimits: false,
    users: doctors.map((d) => ({ email: d.email, first_name: d.name })),
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-soak-kivicare-'));
  const s = await createServices({
    dataDir,
    env: {
      ZOOM_OAUTH_BASE_URL: sandbox.oauthBaseUrl,
      ZOOM_API_BASE_URL: sandbox.apiBaseUrl,
      ZOOM_CLIENT_ID: 'sandbox-public-client',
    },
    policy: { clinicTimeZone: ZONE },
    cipher: createDevFileCipher(dataDir),
    sandbox: false,
    logger: memoryLogger(),
    now: clock.now,
    rateLimiter: createZoomRateLimiter({ light: 300, medium: 300, heavy: 100, intervalMs: 1000 }),
  });
  const problems: string[] = [];
  const changes: Record<string, number> = {};
  const syncs = { ok: 0, failed: 0 };
  const count = (k: string) => {
    changes[k] = (changes[k] ?? 0) + 1;
  };
  try {
    // The doctors are set up here first (with Zoom connected); the sync matches them by e-mail.
    for (const d of doctors) {
      await s.repos.doctors.insert({ id: `doc-${d.id}`, displayName: d.name, email: d.email });
      await connectDoctor(s, sandbox, `doc-${d.id}`, d.email);
    }
    const sync = new KiviCareSync({
      store: s.store,
      book: s.book,
      source: createKiviCareV4Source({
        baseUrl: site.url,
        clientId: 'soak-install',
        timeZone: ZONE,
        credentials: async () => ({ kind: 'login', username: 'frontdesk', password: 'Desk-Pass-4821' }),
      }),
      companionProvisions: true,
      clock: clock.now,
    });
    const runSync = async (mode: 'full' | 'incremental') => {
      const r = await sync.run(mode);
      if (r.ok) syncs.ok++;
      else {
        syncs.failed++;
        problems.push(`sync ${mode} failed: ${r.error.message}`);
      }
    };
    await runSync('full');
    addBackgroundFaults(sandbox);
    await drainFully(s, clock);

    const localOf = (siteId: number) => s.repos.appointments.getBySource('kivicare', String(siteId));
    /** Moved far ahead while the companion's meeting was ready: site id → that meeting's id. */
    const movedFar = new Map<number, string>();
    const upcoming = () =>
      data.appointments.filter(
        (a) => a.status !== 0 && DateTime.fromSQL(a.start, { zone: ZONE }).toMillis() > clock.ms() + STEP_MS,
      );
    const steps = o.days * 96;
    let step = 0;
    for (; step < steps; step++) {
      if (Date.now() - started > (o.maxRealMs ?? 5 * 60_000)) break;
      const stepStart = clock.ms();
      const pick = () => {
        const list = upcoming();
        return list.length ? list[Math.floor(random() * list.length)] : undefined;
      };
      const roll = random();
      const row = pick();
      if (row && roll < 0.12) {
        // Moved past the incremental window (and often past the full one too).
        const m = await s.repos.mappings.get((await localOf(row.id))?.id ?? '');
        if (m?.provisionedBy === 'companion' && m.state === 'ready' && m.zoomMeetingId && !row.zoom)
          movedFar.set(row.id, m.zoomMeetingId);
        site.reschedule(
          row.id,
          DateTime.fromSQL(row.start)
            .plus({ days: 20 + Math.floor(random() * 60) })
            .toFormat(SITE_FORMAT),
        );
        count('moved far ahead');
      } else if (row && roll < 0.2) {
        site.reschedule(row.id, DateTime.fromSQL(row.start).plus({ hours: 2 }).toFormat(SITE_FORMAT));
        count('moved the same week');
      } else if (row && roll < 0.25) {
        site.cancel(row.id);
        movedFar.delete(row.id);
        count('cancelled on the site');
      } else if (row && roll < 0.28) {
        site.remove(row.id);
        movedFar.delete(row.id);
        count('deleted on the site');
      } else if (row && roll < 0.36 && row.services.includes('telemed') && !row.zoom) {
        site.setMeeting(row.id, true);
        movedFar.delete(row.id);
        count('meeting added by the site');
      }
      await runSync(step % 12 === 0 ? 'full' : 'incremental');
      await s.engine.drain();
      clock.advance(Math.max(0, stepStart + STEP_MS - clock.ms()));
      if (step % 96 === 95) log(`[soak-kivicare] day ${(step + 1) / 96} done, ${Date.now() - started} ms`);
    }
    sandbox.faults.clear();
    await runSync('full');
    await drainFully(s, clock);

    // The verdict, from Zoom's side: live meetings by the reference in their topic.
    const live = new Map<string, string[]>();
    for (const m of sandbox.meetings()) {
      const ref = /ref (CC-[0-9A-Z]+)/.exec(m.topic ?? '')?.[1];
      if (ref) live.set(ref, [...(live.get(ref) ?? []), String(m.id)]);
    }
    let secondMeetings = 0;
    let movedRecreated = 0;
    let movedChecked = 0;
    let wronglyCancelled = 0;
    let duplicates = 0;
    const wanted = new Set<string>();
    for (const row of data.appointments) {
      const a = await localOf(row.id);
      if (!a) continue;
      const ours = live.get(a.reference) ?? [];
      if (ours.length > 1) {
        duplicates++;
        problems.push(`site appointment ${row.id} has ${ours.length} live meetings`);
      }
      if (row.status !== 0 && a.status === 0) {
        wronglyCancelled++;
        problems.push(`site appointment ${row.id} is on the site but cancelled here`);
      }
      if (row.zoom && row.status !== 0 && ours.length > 0) {
        secondMeetings++;
        problems.push(
          `site appointment ${row.id} has the site's meeting and ${ours.length} of the companion's`,
        );
        if (process.env.SOAK_DEBUG) {
          const trail = (await s.repos.audit.forEntity('appointment', a.id)).map(
            (e) => `${e.at} ${e.actor} ${e.action} ${JSON.stringify(e.detail)}`,
          );
          const cleanup = await s.store.rows('SELECT * FROM zoom_cleanup WHERE appointment_id = ?', [a.id]);
          log(
            `[debug] ${row.id} live=${ours} mapping=${JSON.stringify(await s.repos.mappings.get(a.id))}\n  ${trail.join('\n  ')}\n  cleanup=${JSON.stringify(cleanup)}`,
          );
        }
      }
      const before = movedFar.get(row.id);
      if (before && !row.zoom && row.status !== 0) {
        movedChecked++;
        const m = await s.repos.mappings.get(a.id);
        if (m?.zoomMeetingId !== before || !ours.includes(before)) {
          movedRecreated++;
          problems.push(
            `site appointment ${row.id} moved far ahead: meeting ${before} became ${m?.zoomMeetingId}`,
          );
        }
      }
      const m = await s.repos.mappings.get(a.id);
      if (m?.provisionedBy === 'companion' && m.zoomMeetingId && a.status !== 0) wanted.add(m.zoomMeetingId);
    }
    const orphans = sandbox.meetings().filter((m) => !wanted.has(String(m.id)));
    for (const m of orphans) problems.push(`meeting ${m.id} on Zoom belongs to no visit that needs it`);
    return {
      visits: o.visits,
      siteMadeAtStart:
        data.appointments.filter((a) => a.zoom).length - (changes['meeting added by the site'] ?? 0),
      simulatedDays: step / 96,
      finishedInTime: step === steps,
      changes,
      syncs,
      secondMeetings,
      movedRecreated,
      movedChecked,
      wronglyCancelled,
      duplicates,
      orphansOnZoom: orphans.length,
      zoomCreates: sandbox.requests().filter((r) => r.method === 'POST' && /\/meetings$/.test(r.path)).length,
      realMs: Date.now() - started,
      problems,
    };
  } finally {
    await s.dispose().catch(() => undefined);
    await sandbox.close();
    await site.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
