// The handler table: every contract channel mapped onto the core services. The dispatcher has
// already validated the request; responses are validated (and stripped) again on the way out.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { ImportPreview as ImportPreviewSchema } from '../../../preload/contract';
import { needsMeeting } from '../appointments/intent';
import { AppError } from '../errors';
import { commitImport, type ImportPreview, previewImport } from '../import';
import type { HandlerTable } from '../ipc/dispatch';
import { invitationMailto, invitationText } from '../meetings/invitation';
import type { Appointment } from '../store/records';
import { dayRangeUtc } from '../time/day-range';
import { localToUtc } from '../time/utc';
import type { KiviCareService } from './kivicare';
import type { Services } from './services';
import { appointmentView, overlappingIds } from './views';

export interface HandlerPorts {
  appName: string;
  version: string;
  platform: string;
  openExternal(url: string): Promise<void>;
  writeClipboard(text: string): Promise<void>;
  /** The shell asks where to write a diagnostics folder and writes it; null folder = cancelled. */
  exportDiagnostics?(): Promise<{ folder: string | null; problems: number }>;
}

const ok = { ok: true as const };

export function createHandlers(s: Services, ports: HandlerPorts, kivicare: KiviCareService): HandlerTable {
  const previews = new Map<string, { preview: ImportPreview; at: number }>();
  const zone = () => s.settings.get().clinicTimeZone;

  const actor = () => {
    const p = s.profiles.current();
    return p.role === 'doctor' ? (`doctor:${p.doctorId}` as const) : ('front-desk' as const);
  };

  const queuedProblem = (appointmentId: string): string | null => {
    const open = s.repos.outbox
      .forAppointment(appointmentId)
      .filter((i) => i.state !== 'done' && i.state !== 'superseded');
    return open.at(-1)?.lastError ?? null;
  };

  const view = (a: Appointment, overlaps = false) =>
    appointmentView(
      a,
      {
        doctor: (id) => s.repos.doctors.get(id),
        patient: (id) => s.repos.patients.get(id),
        mapping: (id) => s.repos.mappings.get(id),
        queuedProblem,
      },
      overlaps,
    );

  const toUtc = (date: string, time: string) => {
    const r = localToUtc(`${date}T${time}:00`, zone());
    if (!r.ok) {
      throw new AppError(
        'invalid-request',
        r.reason === 'nonexistent'
          ? 'That time does not exist on the clinic’s clocks (the clocks change that night). Pick another time.'
          : 'That is not a valid date and time.',
      );
    }
    return r.utc;
  };

  const liveAppointment = (id: string) => {
    const a = s.repos.appointments.get(id);
    if (!a || a.deletedAt) throw new AppError('not-found', 'That appointment no longer exists.');
    return a;
  };

  const joinable = (appointmentId: string) => {
    const a = liveAppointment(appointmentId);
    const m = s.repos.mappings.get(appointmentId);
    const v = view(a).meeting;
    if (!v.joinUrl || !m) {
      throw new AppError(
        'not-found',
        'This visit has no meeting link yet. It is being set up; try again shortly.',
      );
    }
    return { a, m, joinUrl: v.joinUrl };
  };

  const invitation = (appointmentId: string) => {
    const { a, m, joinUrl } = joinable(appointmentId);
    const settings = s.settings.get();
    return {
      a,
      text: invitationText({
        clinicName: settings.clinicName,
        doctorName: s.doctorName(a.doctorId),
        startUtc: a.startUtc,
        timeZone: a.timeZone,
        durationMin: a.durationMin,
        joinUrl,
        passcode: m.passcode,
        meetingId: m.zoomMeetingId,
      }),
    };
  };

  const connectionView = async (doctorId: string) => {
    const st = await doctorConnection(doctorId);
    let reconnectBefore: string | null = null;
    if (st.state === 'reconnect-needed' || st.state === 'disconnected') {
      const today = DateTime.now().setZone(zone()).toISODate()!;
      const range = dayRangeUtc(today, zone());
      const nowIso = new Date().toISOString();
      const first = range
        ? s.repos.appointments
            .listDoctorRange(doctorId, range.fromUtc, range.toUtc)
            .find((a) => needsMeeting(a) && a.startUtc > nowIso)
        : undefined;
      reconnectBefore = first?.startUtc ?? null;
    }
    return {
      doctorId,
      state: st.state,
      accountEmail: st.email,
      accessTokenExpiresAt: st.accessTokenExpiresAt ? new Date(st.accessTokenExpiresAt).toISOString() : null,
      lastError: st.lastError?.message ?? null,
      reconnectBefore,
    };
  };

  /** In clinic-wide mode every doctor rides on the clinic account, named by their Zoom e-mail. */
  const doctorConnection = async (doctorId: string) => {
    if (s.clinicZoom.mode() !== 'clinic-wide') return s.connections.status(doctorId);
    const clinic = s.clinicZoom.view();
    const email = s.repos.doctors.get(doctorId)?.email || null;
    const ok = clinic.configured && email !== null;
    return {
      doctorId,
      state: ok ? ('connected' as const) : ('reconnect-needed' as const),
      email,
      accessTokenExpiresAt: null,
      lastError: ok
        ? null
        : {
            message: !clinic.configured
              ? 'The clinic Zoom account is not set up. IT must enter its credentials.'
              : `${s.doctorName(doctorId)} needs a Zoom e-mail address.`,
          },
    };
  };

  const doctorView = (d: { id: string; displayName: string; email: string }) => ({
    id: d.id,
    displayName: d.displayName,
    email: d.email || null,
    hasPin: s.repos.settings.get<string>(`pin:${d.id}`) !== undefined,
  });

  const settingsView = () => {
    const e = s.settings.get();
    const p = s.policy;
    return {
      clinicTimeZone: e.clinicTimeZone,
      autoLockMinutes: e.autoLockMinutes,
      redirectMode: e.redirectMode,
      mode: s.clinicZoom.mode(),
      locked: {
        ...e.locked,
        mode: p.mode !== undefined,
        bridgeUrl: p.bridgeUrl !== undefined,
        kivicareSite: p.kivicareSite !== undefined,
        updates: p.updates !== undefined,
      },
    };
  };

  const resumeAll = () => {
    for (const d of s.repos.doctors.list()) s.engine.resumeDoctor(d.id);
  };

  const previewView = (id: string, p: ImportPreview): z.output<typeof ImportPreviewSchema> => ({
    previewId: id,
    fileError: null,
    valid: p.summary.valid,
    invalid: p.summary.invalid,
    rows: p.rows.map((r) => ({
      rowNumber: r.rowNumber,
      ok: r.ok,
      errors: [...r.errors, ...r.warnings],
      duplicate: r.duplicate,
      summary: r.appointment
        ? `${DateTime.fromISO(r.appointment.startUtc, { zone: r.appointment.timeZone }).toFormat('ccc d LLL yyyy HH:mm')} · ${r.appointment.doctorName} · ${'existingId' in r.appointment.patient ? r.appointment.patient.displayName : r.appointment.patient.new.displayName} · ${r.appointment.visitType === 'telemed' ? 'video visit' : 'in person'}`
        : 'Not readable',
    })),
  });

  return {
    'app:getInfo': async () => ({
      name: ports.appName,
      version: ports.version,
      platform: ports.platform,
      sandbox: s.zoom.sandbox,
      zoomOAuthBaseUrl: s.zoom.oauthBaseUrl,
      zoomApiBaseUrl: s.zoom.apiBaseUrl,
    }),
    'app:getStatus': async () => {
      const depth = s.engine.queueDepth();
      return {
        online: s.engine.online,
        sandbox: s.zoom.sandbox,
        zoomServer: s.zoom.serverName,
        clinicTimeZone: zone(),
        outbox: { pending: depth.pending, parked: depth.parked },
        lastSyncAt: kivicare.lastSyncAt(),
      };
    },
    'settings:get': async () => settingsView(),
    'settings:update': async ({ mode, ...patch }) => {
      if (mode !== undefined && mode !== s.clinicZoom.mode()) {
        s.clinicZoom.setMode(mode);
        s.repos.audit.append({
          actor: actor(),
          action: 'settings.zoom-mode',
          entity: 'settings',
          detail: { mode },
        });
        resumeAll();
      }
      if (Object.keys(patch).length) s.settings.update(patch);
      return settingsView();
    },
    'app:exportDiagnostics': async () => {
      if (!ports.exportDiagnostics) throw new AppError('internal', 'Diagnostics cannot be exported here.');
      return ports.exportDiagnostics();
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
      s.repos.audit.append({ actor: actor(), action: 'zoom.clinic-credentials-saved', entity: 'settings' });
      resumeAll();
      return s.clinicZoom.view();
    },
    'clinicZoom:clear': async () => {
      await s.clinicZoom.clear();
      s.repos.audit.append({ actor: actor(), action: 'zoom.clinic-credentials-cleared', entity: 'settings' });
      return s.clinicZoom.view();
    },

    'profiles:get': async () => s.profiles.current(),
    'profiles:unlock': async ({ doctorId, pin }) => {
      if (!s.repos.doctors.get(doctorId))
        throw new AppError('not-found', 'That doctor is not in the clinic’s list.');
      return s.profiles.unlock(doctorId, pin);
    },
    'profiles:lock': async () => s.profiles.lock(),
    'profiles:touch': async () => s.profiles.touch(),
    'profiles:setPin': async ({ doctorId, currentPin, newPin }) => {
      if (!s.repos.doctors.get(doctorId))
        throw new AppError('not-found', 'That doctor is not in the clinic’s list.');
      await s.profiles.setPin(doctorId, newPin, currentPin);
      return ok;
    },

    'doctors:list': async () => s.repos.doctors.list().map(doctorView),
    'doctors:create': async ({ displayName, email }) =>
      doctorView(s.repos.doctors.insert({ id: randomUUID(), displayName, email: email ?? '' })),
    'patients:list': async ({ query }) => {
      const q = query?.trim().toLowerCase();
      return s.repos.patients
        .list()
        .filter(
          (p) => !q || p.displayName.toLowerCase().includes(q) || (p.email ?? '').toLowerCase().includes(q),
        )
        .slice(0, 200)
        .map((p) => ({ id: p.id, displayName: p.displayName, email: p.email, phone: p.phone }));
    },
    'patients:create': async ({ displayName, email, phone }) => {
      const p = s.repos.patients.insert({
        id: randomUUID(),
        displayName,
        email: email ?? null,
        phone: phone ?? null,
      });
      return { id: p.id, displayName: p.displayName, email: p.email, phone: p.phone };
    },

    'appointments:listDay': async ({ date, doctorId }) => {
      const list = s.book.listDay(date, { timeZone: zone(), doctorId }).filter((a) => !a.deletedAt);
      const overlaps = overlappingIds(list);
      return { date, timeZone: zone(), appointments: list.map((a) => view(a, overlaps.has(a.id))) };
    },
    'appointments:create': async (input) => {
      const { appointment } = s.book.create(
        {
          doctorId: input.doctorId,
          patientId: input.patientId,
          startUtc: toUtc(input.date, input.time),
          timeZone: zone(),
          durationMin: input.durationMin,
          visitType: input.visitType,
          notes: input.notes ?? null,
        },
        { actor: actor() },
      );
      return view(appointment);
    },
    'appointments:update': async ({ id, version, ...input }) => {
      const before = liveAppointment(id);
      const local = DateTime.fromISO(before.startUtc, { zone: 'utc' }).setZone(before.timeZone);
      const moved = input.date !== undefined || input.time !== undefined;
      const { appointment } = s.book.edit(
        id,
        version,
        {
          doctorId: input.doctorId,
          patientId: input.patientId,
          durationMin: input.durationMin,
          visitType: input.visitType,
          notes: input.notes,
          ...(moved
            ? {
                startUtc: toUtc(input.date ?? local.toISODate()!, input.time ?? local.toFormat('HH:mm')),
                timeZone: zone(),
              }
            : {}),
        },
        { actor: actor() },
      );
      return view(appointment);
    },
    'appointments:cancel': async ({ id, version }) =>
      view(s.book.cancel(id, version, { actor: actor() }).appointment),
    'appointments:delete': async ({ id, version }) => {
      s.book.delete(id, version, { actor: actor() });
      return ok;
    },

    'meetings:start': async ({ appointmentId }) => {
      const doctorId = s.profiles.unlockedDoctorId();
      if (!doctorId) throw new AppError('locked', 'Unlock your doctor profile to start a visit.');
      const url = await s.engine.startUrl(appointmentId, doctorId);
      s.profiles.touch();
      await ports.openExternal(url);
      s.repos.audit.append({
        actor: `doctor:${doctorId}`,
        action: 'meeting.started',
        entity: 'appointment',
        entityId: appointmentId,
      });
      return ok;
    },
    'meetings:copyJoinLink': async ({ appointmentId }) => {
      await ports.writeClipboard(joinable(appointmentId).joinUrl);
      return ok;
    },
    'meetings:copyInvitation': async ({ appointmentId }) => {
      await ports.writeClipboard(invitation(appointmentId).text);
      return ok;
    },
    'meetings:emailInvitation': async ({ appointmentId }) => {
      const { a, text } = invitation(appointmentId);
      const to = s.repos.patients.get(a.patientId)?.email ?? null;
      await ports.openExternal(
        invitationMailto(to, `Your video visit with ${s.doctorName(a.doctorId)}`, text),
      );
      return ok;
    },
    'meetings:retry': async ({ appointmentId }) => {
      const a = liveAppointment(appointmentId);
      s.store.transaction(() => {
        s.repos.outbox.enqueue({
          appointmentId,
          op: needsMeeting(a) ? 'ensure' : 'delete',
          reference: a.reference,
          payload: { appointmentId, reason: 'retry' },
        });
        s.repos.audit.append({
          actor: actor(),
          action: 'meeting.retry',
          entity: 'appointment',
          entityId: appointmentId,
        });
      });
      s.engine.kick();
      return ok;
    },

    'connections:list': async () => Promise.all(s.repos.doctors.list().map((d) => connectionView(d.id))),
    'connections:connect': async ({ doctorId }) => {
      if (!s.repos.doctors.get(doctorId))
        throw new AppError('not-found', 'That doctor is not in the clinic’s list.');
      if (!s.zoom.clientId) {
        throw new AppError(
          'invalid-request',
          'The Zoom app is not set up on this computer yet: IT must enter the Zoom client ID (see the README).',
        );
      }
      const { authorizeUrl, completion } = await s.connections.beginConnect(doctorId, {
        redirectMode: s.settings.get().redirectMode,
      });
      completion.catch((e) => s.logger.warn('connections.attempt-ended', { doctorId, error: e }));
      await ports.openExternal(authorizeUrl);
      return ok;
    },
    'connections:disconnect': async ({ doctorId }) => {
      await s.connections.disconnect(doctorId);
      return ok;
    },

    'import:preview': async ({ kind, content }) => {
      const id = randomUUID();
      let preview: ImportPreview;
      try {
        preview = previewImport(content, kind, { repos: s.repos, clinicTimeZone: zone() });
      } catch (e) {
        if (e instanceof AppError)
          return { previewId: id, fileError: e.message, rows: [], valid: 0, invalid: 0 };
        throw e;
      }
      // Kept in main: the renderer only names the preview it confirms, it cannot alter its rows.
      previews.set(id, { preview, at: Date.now() });
      for (const [k, v] of previews) if (Date.now() - v.at > 30 * 60_000) previews.delete(k);
      return previewView(id, preview);
    },
    'import:commit': async ({ previewId, onlyValidRows }) => {
      const entry = previews.get(previewId);
      if (!entry) throw new AppError('not-found', 'That import preview has expired. Choose the file again.');
      const r = commitImport(entry.preview, { book: s.book, mode: onlyValidRows ? 'valid-only' : 'all' });
      previews.delete(previewId);
      return { imported: r.imported };
    },

    'kivicare:get': async () => kivicare.view(),
    'kivicare:connect': async (input) => {
      await kivicare.connect(input);
      return kivicare.view();
    },
    'kivicare:disconnect': async () => {
      await kivicare.disconnect();
      return kivicare.view();
    },
    'kivicare:syncNow': async ({ mode }) => {
      await kivicare.syncNow(mode);
      return kivicare.view();
    },
  };
}
