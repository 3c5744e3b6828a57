// Applies one complete listing from the site to the local book, inside the caller's transaction.
// The site decides the schedule; one visit has one meeting, and the site's wins where both exist.
import type { AppointmentBook } from '../appointments/book';
import { needsMeeting } from '../appointments/intent';
import { byReference, type CleanupQueue, cleanupQueue } from '../provisioning/cleanup-queue';
import type { Store } from '../store/database';
import type { Appointment, MeetingMapping } from '../store/records';
import type { Repositories } from '../store/repositories';
import type { MissingCandidate } from './confirm-missing';
import {
  queueCompanionMeeting,
  recordSiteMeeting,
  SYNC_ACTOR,
  settleUnwantedIntents,
} from './meeting-ownership';
import { SOURCE, sitePeople } from './site-people';
import type { Listing, SiteAppointment } from './source';

export interface ApplyOptions {
  /** The clinic lets the companion make meetings for telemed visits the site has none for. */
  companionProvisions: boolean;
  /**
   * Site ids that left the window and that a wide look-up confirmed the site no longer has
   * (confirm-missing.ts): only these are cancelled. Absence from a window alone cancels nothing.
   */
  gone: readonly string[];
}

export interface ApplyCounts {
  created: number;
  updated: number;
  cancelled: number;
  unchanged: number;
  siteMeetings: number;
  skipped: number;
  warnings: string[];
}

const ctx = { actor: SYNC_ACTOR, allowPast: true } as const;

/** The book writes appointments (and their outbox rows); the store is the one the book writes to. */
export interface SyncTarget {
  book: AppointmentBook;
  store: Store;
  now?: () => Date;
}

/**
 * Local site appointments inside the listed window (UTC bounds) that the listing lacks: each may
 * be gone, or moved outside the window. Read before the look-up that tells which. A full sync also
 * re-reads the visits held beyond its window (moved far ahead): the site may have cancelled them or
 * given them its own meeting, and only a look-up tells.
 */
export async function missingFromListing(
  repos: Repositories,
  listing: Listing,
  window: { fromUtc: string; toUtc: string },
  /** Also the visits beyond the window (a full sync): the site may have changed them too. */
  beyondUntilUtc?: string,
): Promise<MissingCandidate[]> {
  const seen = new Set([
    ...listing.appointments.map((a) => a.siteId),
    ...listing.unreadable.map((u) => u.siteId),
  ]);
  const live = (a: Appointment) =>
    a.source === SOURCE && a.sourceId !== null && !seen.has(a.sourceId) && a.status !== 0 && !a.deletedAt;
  const inWindow = (await repos.appointments.listRange(window.fromUtc, window.toUtc)).filter(live);
  const beyond = beyondUntilUtc
    ? (await repos.appointments.listRange(window.toUtc, beyondUntilUtc)).filter(live)
    : [];
  // Read before the sync's transaction, so the patients may be read side by side.
  return Promise.all(
    [...inWindow, ...beyond].map(async (a) => {
      const p = await repos.patients.get(a.patientId);
      return { siteId: a.sourceId!, patientSiteId: p?.source === SOURCE ? p.sourceId : null };
    }),
  );
}

export async function applyListing(
  target: SyncTarget,
  listing: Listing,
  o: ApplyOptions,
): Promise<ApplyCounts> {
  const { book, store } = target;
  const repos = book.repos;
  const cleanup = cleanupQueue(store, target.now ?? (() => new Date()));
  const people = sitePeople(repos);
  const counts: ApplyCounts = {
    created: 0,
    updated: 0,
    cancelled: 0,
    unchanged: 0,
    siteMeetings: 0,
    skipped: 0,
    warnings: [],
  };

  for (const site of listing.appointments) {
    try {
      // One savepoint per appointment: a row the book refuses is reported and the rest still apply.
      await store.transaction(() => applyOne(book, { repos, cleanup }, people, site, o, counts));
    } catch (e) {
      counts.skipped++;
      counts.warnings.push(`KiviCare appointment ${site.siteId} was not taken over: ${(e as Error).message}`);
    }
  }
  for (const u of listing.unreadable) {
    counts.warnings.push(
      `KiviCare appointment ${u.siteId} could not be read (${u.problem}); it was left as it was.`,
    );
  }
  await cancelGone(target, o.gone, counts);
  return counts;
}

interface Writers {
  repos: Repositories;
  cleanup: CleanupQueue;
}

async function applyOne(
  book: AppointmentBook,
  w: Writers,
  people: ReturnType<typeof sitePeople>,
  site: SiteAppointment,
  o: ApplyOptions,
  counts: ApplyCounts,
): Promise<void> {
  const existing = await w.repos.appointments.getBySource(SOURCE, site.siteId);
  if (existing?.deletedAt) {
    counts.skipped++;
    return;
  }
  if (!existing && site.status === 0) {
    counts.skipped++;
    return;
  }
  const desired = {
    doctorId: await people.doctorId(site.doctor),
    patientId: await people.patientId(site.patient),
    startUtc: site.startUtc,
    timeZone: site.timeZone,
    durationMin: site.durationMin,
    visitType: site.telemed ? ('telemed' as const) : ('in_person' as const),
    status: site.status,
  };
  let a: Appointment;
  if (!existing) {
    a = (await book.create({ ...desired, source: SOURCE, sourceId: site.siteId }, ctx)).appointment;
    counts.created++;
  } else {
    a = (await book.edit(existing.id, existing.version, desired, ctx)).appointment;
    if (a.version === existing.version) counts.unchanged++;
    else if (a.status === 0 && existing.status !== 0) counts.cancelled++;
    else counts.updated++;
  }
  await reconcileMeeting(w, a, site, o, counts);
}

async function reconcileMeeting(
  { repos, cleanup }: Writers,
  a: Appointment,
  site: SiteAppointment,
  o: ApplyOptions,
  counts: ApplyCounts,
): Promise<void> {
  let mapping = await repos.mappings.get(a.id);
  const companionMeeting = mapping?.provisionedBy === 'companion' && mapping.state !== 'deleted';
  if (companionMeeting && !site.meeting) return; // ours: the book's intents move or delete it
  if (companionMeeting && site.meeting && mapping) {
    // The site's add-on made a meeting too: one visit keeps one meeting, and the site's link is
    // the one its own e-mails already sent. Ours is deleted on Zoom through the clean-up queue.
    await replaceCompanionMeeting(repos, cleanup, a, mapping, site.siteId, counts);
    mapping = undefined;
  }
  const siteMapping = mapping?.provisionedBy === 'kivicare' ? mapping : undefined;
  if (mapping && !siteMapping) await repos.mappings.remove(a.id);
  if (site.meeting) {
    await settleUnwantedIntents(repos, a.id, 'provisioned-by-kivicare');
    if (a.status !== 0) {
      await recordSiteMeeting(repos, a, site.meeting, siteMapping);
      counts.siteMeetings++;
    } else if (siteMapping) {
      await repos.mappings.update(a.id, { state: 'deleted' });
    }
    return;
  }
  if (siteMapping) {
    // The site dropped its meeting: nothing of ours to delete; make our own if the clinic wants that.
    await settleUnwantedIntents(repos, a.id, 'provisioned-by-kivicare');
    await repos.mappings.remove(a.id);
    if (o.companionProvisions && needsMeeting(a)) await queueCompanionMeeting(repos, a);
    return;
  }
  if (!o.companionProvisions) await settleUnwantedIntents(repos, a.id, 'clinic-uses-site-meetings');
}

async function replaceCompanionMeeting(
  repos: Repositories,
  cleanup: CleanupQueue,
  a: Appointment,
  ours: MeetingMapping,
  siteId: string,
  counts: ApplyCounts,
): Promise<void> {
  await settleUnwantedIntents(repos, a.id, 'provisioned-by-kivicare');
  if (ours.zoomMeetingId) await cleanup.add(ours.zoomMeetingId, ours.doctorId, a.id, 'site-made-its-own');
  // A create that was under way (or whose answer was lost) may have made a meeting we never heard
  // of: it is found by the reference in its topic and deleted too.
  else await cleanup.add(byReference(ours.reference), ours.doctorId, a.id, 'site-made-its-own');
  await repos.mappings.remove(a.id);
  await repos.audit.append({
    actor: SYNC_ACTOR,
    action: 'kivicare.replaced-companion-meeting',
    entity: 'appointment',
    entityId: a.id,
    detail: { sourceId: siteId, removedMeetingId: ours.zoomMeetingId, state: ours.state },
  });
  counts.warnings.push(
    ours.zoomMeetingId
      ? `KiviCare appointment ${siteId} got a meeting from the site; the companion’s own meeting for it is being removed from Zoom, and the site’s link is the one to use.`
      : `KiviCare appointment ${siteId} got a meeting from the site while the companion was still making its own; the site’s link is the one to use.`,
  );
}

async function cancelGone(
  { book, store }: SyncTarget,
  goneIds: readonly string[],
  counts: ApplyCounts,
): Promise<void> {
  const repos = book.repos;
  // Read one after the other: this runs inside the sync's transaction.
  const gone: Appointment[] = [];
  for (const id of goneIds) {
    const a = await repos.appointments.getBySource(SOURCE, id);
    if (a !== undefined && !a.deletedAt && a.status !== 0) gone.push(a);
  }
  for (const a of gone) {
    try {
      await store.transaction(async () => {
        const mapping = await repos.mappings.get(a.id);
        await book.cancel(a.id, a.version, ctx);
        await repos.audit.append({
          actor: SYNC_ACTOR,
          action: 'kivicare.missing-on-site',
          entity: 'appointment',
          entityId: a.id,
          detail: { sourceId: a.sourceId },
        });
        if (mapping?.provisionedBy === 'kivicare') {
          await settleUnwantedIntents(repos, a.id, 'provisioned-by-kivicare');
          await repos.mappings.update(a.id, { state: 'deleted' });
        }
      });
      counts.cancelled++;
    } catch (e) {
      counts.warnings.push(
        `Appointment ${a.sourceId} is gone from the site but could not be cancelled here: ${(e as Error).message}`,
      );
    }
  }
}
