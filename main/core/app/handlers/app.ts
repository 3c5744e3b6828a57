// App information, status, settings (under policy), the clinic Zoom account, diagnostics and the
// attention queue.
import { needsMeeting } from '../../appointments/intent';
import { waitingFor } from '../../clinic/waiting';
import { AppError, isAppError } from '../../errors';
import { listTimeZones } from '../../time/zones';
import { type AttentionDoctor, attentionHorizon, attentionItems } from '../attention';
import { connectionOf } from './connections';
import type { HandlerContext, HandlersOf } from './context';

/** Visits last at most 480 minutes: one that started this long ago may still be on. */
const LONGEST_VISIT_MS = 480 * 60_000;

export function appHandlers({
  s,
  ports,
  kivicare,
  zone,
  actor,
  viewer,
  expectedLookup,
}: HandlerContext): HandlersOf<'app' | 'settings' | 'clinicZoom' | 'attention'> {
  let lastKnown: { outbox: { pending: number; parked: number }; lastSyncAt: string | null } = {
    outbox: { pending: 0, parked: 0 },
    lastSyncAt: null,
  };
  const settingsView = async () => {
    const e = s.settings.get();
    const p = s.policy;
    return {
      clinicTimeZone: e.clinicTimeZone,
      autoLockMinutes: e.autoLockMinutes,
      redirectMode: e.redirectMode,
      mode: await s.clinicZoom.mode(),
      locked: {
        ...e.locked,
        mode: p.mode !== undefined,
        bridgeUrl: p.bridgeUrl !== undefined,
        kivicareSite: p.kivicareSite !== undefined,
        updates: p.updates !== undefined,
      },
    };
  };

  const resumeAll = async () => {
    for (const d of await s.repos.doctors.list()) await s.engine.resumeDoctor(d.id);
  };

  /** The visits the queue looks at (tele-visits not over, up to its horizon), as the lists show them. */
  const attentionVisits = async () => {
    const nowMs = s.now().getTime();
    const rows = (
      await s.repos.appointments.listRange(
        new Date(nowMs - LONGEST_VISIT_MS).toISOString(),
        new Date(attentionHorizon(nowMs, zone())).toISOString(),
      )
    ).filter(needsMeeting);
    // Read once for the visits' rows and for their doctors ("waiting for Room 2").
    const expected = await expectedLookup(rows);
    const view = await viewer(rows, { expected });
    return { visits: rows.map((a) => view(a)), expected };
  };

  return {
    'attention:list': async () => {
      const { visits, expected } = await attentionVisits();
      const ids = [...new Set(visits.map((v) => v.doctorId))];
      const nowMs = s.now().getTime();
      const doctors: AttentionDoctor[] = await Promise.all(
        ids.map(async (id) => {
          const c = await connectionOf(s, id);
          const name = visits.find((v) => v.doctorId === id)?.doctorName ?? 'The doctor';
          return {
            doctorId: id,
            state: c.state,
            lastError: c.lastError?.message ?? null,
            // A clinic of desktops: another desktop may make this doctor's meetings.
            elsewhere: expected ? waitingFor(name, expected(id), zone(), nowMs) : null,
          };
        }),
      );
      return attentionItems({
        nowMs,
        horizonMs: attentionHorizon(nowMs, zone()),
        visits,
        doctors,
        clinicWide: (await s.clinicZoom.mode()) === 'clinic-wide',
      });
    },

    'app:getInfo': async () => ({
      name: ports.appName,
      version: ports.version,
      platform: ports.platform,
      sandbox: s.zoom.sandbox,
      zoomOAuthBaseUrl: s.zoom.oauthBaseUrl,
      zoomApiBaseUrl: s.zoom.apiBaseUrl,
    }),

    'app:getStatus': async () => {
      const clinic = s.clinic?.status() ?? null;
      try {
        const depth = await s.engine.queueDepth();
        lastKnown = {
          outbox: { pending: depth.pending, parked: depth.parked },
          lastSyncAt: await kivicare.lastSyncAt(),
        };
      } catch (e) {
        // The clinic server is away: the status still answers, with what was last read.
        if (!(isAppError(e) && e.kind === 'database-unavailable')) throw e;
      }
      return {
        online: s.engine.online,
        sandbox: s.zoom.sandbox,
        zoomServer: s.zoom.serverName,
        clinicTimeZone: zone(),
        ...lastKnown,
        database: clinic
          ? {
              shared: true,
              server: clinic.server,
              desktop: clinic.desktop,
              connected: clinic.connected,
              awaySince: clinic.awaySince,
            }
          : { shared: false, server: null, desktop: null, connected: true, awaySince: null },
      };
    },

    'app:exportDiagnostics': async () => {
      if (!ports.exportDiagnostics) throw new AppError('internal', 'Diagnostics cannot be exported here.');
      return ports.exportDiagnostics();
    },

    'settings:get': async () => settingsView(),

    'settings:timeZones': async () => listTimeZones(s.now()),

    'settings:update': async ({ mode, ...patch }) => {
      if (mode !== undefined && mode !== (await s.clinicZoom.mode())) {
        await s.clinicZoom.setMode(mode);
        await s.repos.audit.append({
          actor: actor(),
          action: 'settings.zoom-mode',
          entity: 'settings',
          detail: { mode },
        });
        await resumeAll();
      }
      if (Object.keys(patch).length) await s.settings.apply(patch);
      return settingsView();
    },

    'clinicZoom:get': async () => s.clinicZoom.view(),

    'clinicZoom:set': async (creds) => {
      try {
        await s.clinicZoom.save(creds);
      } catch (e) {
        if (e instanceof AppError && e.kind === 'oauth-refused') {
          throw new AppError(
            'oauth-refused',
            'Zoom did not accept these clinic credentials. Check them with IT.',
          );
        }
        throw e;
      }
      await s.repos.audit.append({
        actor: actor(),
        action: 'zoom.clinic-credentials-saved',
        entity: 'settings',
      });
      await resumeAll();
      return s.clinicZoom.view();
    },

    'clinicZoom:clear': async () => {
      await s.clinicZoom.clear();
      await s.repos.audit.append({
        actor: actor(),
        action: 'zoom.clinic-credentials-cleared',
        entity: 'settings',
      });
      return s.clinicZoom.view();
    },
  };
}
