// Applies one complete listing from the site to the local book, inside the caller's transaction.
// The site decides the schedule; the companion keeps the meetings it made.
import type { AppointmentBook } from '../appointments/book';
import { needsMeeting } from '../appointments/intent';
import type { Store } from '../store/database';
import type { Appointment } from '../store/records';
import type { Repositories } from '../store/repositories';
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
  /** UTC bounds of the listed window: local site appointments inside it and absent were deleted. */
  window: { fromUtc: string; toUtc: string };
  /** A listing of one doctor only cannot tell what other doctors lost: no cancelling by absence. */
  cancelMissing: boolean;
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
}

export function applyListing({ book, store }: SyncTarget, listing: Listing, o: ApplyOptions): ApplyCounts {
  const repos = book.repos;
  const people = sitePeople(store, repos);
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
      store.transaction(() => applyOne(book, repos, people, site, o, counts));
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
  if (o.cancelMissing) cancelMissing({ book, store }, listing, o, counts);
  return counts;
}

function applyOne(
  book: AppointmentBook,
  repos: Repositories,
  people: ReturnType<typeof sitePeople>,
  site: SiteAppointment,
  o: ApplyOptions,
  counts: ApplyCounts,
): void {
  const existing = repos.appointments.getBySource(SOURCE, site.siteId);
  if (existing?.deletedAt) {
    counts.skipped++;
    return;
  }
  if (!existing && site.status === 0) {
    counts.skipped++;
    return;
  }
  const desired = {
    doctorId: people.doctorId(site.doctor),
    patientId: people.patientId(site.patient),
    startUtc: site.startUtc,
    timeZone: site.timeZone,
    durationMin: site.durationMin,
    visitType: site.telemed ? ('telemed' as const) : ('in_person' as const),
    status: site.status,
  };
  let a: Appointment;
  if (!existing) {
    a = book.create({ ...desired, source: SOURCE, sourceId: site.siteId }, ctx).appointment;
    counts.created++;
  } else {
    a = book.edit(existing.id, existing.version, desired, ctx).appointment;
    if (a.version === existing.version) counts.unchanged++;
    else if (a.status === 0 && existing.status !== 0) counts.cancelled++;
    else counts.updated++;
  }
  reconcileMeeting(repos, a, site, o, counts);
}

function reconcileMeeting(
  repos: Repositories,
  a: Appointment,
  site: SiteAppointment,
  o: ApplyOptions,
  counts: ApplyCounts,
): void {
  const mapping = repos.mappings.get(a.id);
  const companionMeeting = mapping?.provisionedBy === 'companion' && mapping.state !== 'deleted';
  if (companionMeeting) {
    // The companion's meeting stays ours: the book's intents update or delete it as usual.
    if (site.meeting) {
      counts.warnings.push(
        `KiviCare appointment ${site.siteId} has a meeting on the site as well as the companion’s; the companion’s link is kept. Remove one of them.`,
      );
    }
    return;
  }
  const siteMapping = mapping?.provisionedBy === 'kivicare' ? mapping : undefined;
  if (mapping && !siteMapping) repos.mappings.remove(a.id);
  if (site.meeting) {
    settleUnwantedIntents(repos, a.id, 'provisioned-by-kivicare');
    if (a.status !== 0) {
      recordSiteMeeting(repos, a, site.meeting, siteMapping);
      counts.siteMeetings++;
    } else if (siteMapping) {
      repos.mappings.update(a.id, { state: 'deleted' });
    }
    return;
  }
  if (siteMapping) {
    // The site dropped its meeting: nothing of ours to delete; make our own if the clinic wants that.
    settleUnwantedIntents(repos, a.id, 'provisioned-by-kivicare');
    repos.mappings.remove(a.id);
    if (o.companionProvisions && needsMeeting(a)) queueCompanionMeeting(repos, a);
    return;
  }
  if (!o.companionProvisions) settleUnwantedIntents(repos, a.id, 'clinic-uses-site-meetings');
}

function cancelMissing(
  { book, store }: SyncTarget,
  listing: Listing,
  o: ApplyOptions,
  counts: ApplyCounts,
): void {
  const repos = book.repos;
  const seen = new Set([
    ...listing.appointments.map((a) => a.siteId),
    ...listing.unreadable.map((u) => u.siteId),
  ]);
  const gone = repos.appointments
    .listRange(o.window.fromUtc, o.window.toUtc)
    .filter((a) => a.source === SOURCE && a.sourceId !== null && !seen.has(a.sourceId) && a.status !== 0);
  for (const a of gone) {
    try {
      store.transaction(() => {
        const mapping = repos.mappings.get(a.id);
        book.cancel(a.id, a.version, ctx);
        repos.audit.append({
          actor: SYNC_ACTOR,
          action: 'kivicare.missing-on-site',
          entity: 'appointment',
          entityId: a.id,
          detail: { sourceId: a.sourceId },
        });
        if (mapping?.provisionedBy === 'kivicare') {
          settleUnwantedIntents(repos, a.id, 'provisioned-by-kivicare');
          repos.mappings.update(a.id, { state: 'deleted' });
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
