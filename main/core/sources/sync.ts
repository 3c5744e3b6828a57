// KiviCare → local book. Whole-sync staging: every page is read first, then applied in one
// transaction, so a failure at any point (site down, a page failing, a bad answer) changes nothing
// locally and only records sync_state.last_error. Deletions are inferred only from a complete listing.
//
// "Incremental": KiviCare 4.x (and the mobile API) has no modified-since filter, so an incremental
// sync re-reads a short window (today … +7 days by default) and a full sync the long one
// (yesterday … +60 days). An appointment that leaves the window is looked up by its patient before
// it is taken as cancelled, and a full sync also looks up the visits held beyond its window.
import type { AppointmentBook } from '../appointments/book';
import { type AppError, isAppError } from '../errors';
import type { Store } from '../store/database';
import { confirmMissing, lookupHorizonUtc } from './confirm-missing';
import { SOURCE } from './site-people';
import { dayInZone, windowToUtc } from './site-time';
import type { AppointmentSource, Listing, SiteAppointment } from './source';
import { type ApplyCounts, applyListing, missingFromListing } from './sync-apply';

export type SyncMode = 'full' | 'incremental';

export interface SyncWindow {
  pastDays: number;
  futureDays: number;
}

export interface KiviCareSyncOptions {
  store: Store;
  book: AppointmentBook;
  /** Built lazily so a missing sign-in becomes a recorded sync error, not a start-up crash. */
  source: AppointmentSource | (() => Promise<AppointmentSource>);
  companionProvisions: boolean;
  /** sync_state scope; one per connected site. */
  scope?: string;
  /** Restrict to one site doctor (then nothing is cancelled for being absent). */
  doctorSiteId?: string;
  windows?: Partial<Record<SyncMode, SyncWindow>>;
  clock?: () => Date;
}

export type SyncReport =
  | ({ ok: true; mode: SyncMode; dateFrom: string; dateTo: string; pages: number; at: string } & ApplyCounts)
  | { ok: false; mode: SyncMode; at: string; error: { kind: AppError['kind']; message: string } };

export interface SyncCursor {
  lastFullAt: string | null;
  lastIncrementalAt: string | null;
}

export const DEFAULT_WINDOWS: Record<SyncMode, SyncWindow> = {
  full: { pastDays: 1, futureDays: 60 },
  incremental: { pastDays: 0, futureDays: 7 },
};

export class KiviCareSync {
  private running: Promise<SyncReport> | undefined;
  private readonly clock: () => Date;
  private readonly scope: string;

  constructor(private readonly o: KiviCareSyncOptions) {
    this.clock = o.clock ?? (() => new Date());
    this.scope = o.scope ?? 'site';
  }

  /** One run at a time: a second caller during a run gets the same run. */
  run(mode: SyncMode = 'full'): Promise<SyncReport> {
    this.running ??= this.runOnce(mode).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  async state() {
    const s = await this.o.book.repos.syncState.get(SOURCE, this.scope);
    return {
      lastSuccessAt: s?.lastSuccessAt ?? null,
      lastError: s?.lastError ?? null,
      cursor: readCursor(s?.cursor),
    };
  }

  private async runOnce(mode: SyncMode): Promise<SyncReport> {
    const at = this.clock().toISOString();
    try {
      const source = typeof this.o.source === 'function' ? await this.o.source() : this.o.source;
      const w = { ...DEFAULT_WINDOWS, ...this.o.windows }[mode];
      const now = this.clock();
      const dateFrom = dayInZone(now, source.timeZone, -w.pastDays);
      const dateTo = dayInZone(now, source.timeZone, w.futureDays);
      const listing = await source.listAppointments({ dateFrom, dateTo, doctorId: this.o.doctorSiteId });
      const check = await this.checkMissing(
        source,
        listing,
        windowToUtc(dateFrom, dateTo, source.timeZone),
        mode === 'full' ? lookupHorizonUtc(now) : undefined,
      );
      const counts = await this.o.store.transaction(async () => {
        const applied = await applyListing(
          { book: this.o.book, store: this.o.store, now: this.clock },
          { ...listing, appointments: [...listing.appointments, ...check.found] },
          { companionProvisions: this.o.companionProvisions, gone: check.gone },
        );
        applied.warnings.push(...check.warnings);
        await this.writeState(at, null, mode);
        return applied;
      });
      return { ok: true, mode, dateFrom, dateTo, pages: listing.pages, at, ...counts };
    } catch (e) {
      const error = isAppError(e)
        ? { kind: e.kind, message: e.message }
        : {
            kind: 'internal' as const,
            message: 'The KiviCare sync failed unexpectedly. Nothing was changed.',
          };
      await this.writeState(at, error.message, mode);
      return { ok: false, mode, at, error };
    }
  }

  /**
   * Appointments the window no longer lists are looked up before anything is cancelled: a visit
   * moved past the window keeps its meeting (moved, not recreated). A listing of one doctor cannot
   * tell what other doctors lost, so it cancels nothing. A look-up that fails cancels nothing either.
   */
  private async checkMissing(
    source: AppointmentSource,
    listing: Listing,
    window: { fromUtc: string; toUtc: string },
    beyondUntilUtc: string | undefined,
  ): Promise<{ found: SiteAppointment[]; gone: string[]; warnings: string[] }> {
    if (this.o.doctorSiteId !== undefined) return { found: [], gone: [], warnings: [] };
    const candidates = await missingFromListing(this.o.book.repos, listing, window, beyondUntilUtc);
    if (candidates.length === 0) return { found: [], gone: [], warnings: [] };
    try {
      const c = await confirmMissing(source, candidates, this.clock());
      const warnings = c.unreadable.map(
        (id) => `KiviCare appointment ${id} could not be read; it was left as it was.`,
      );
      return { found: c.found, gone: c.gone, warnings };
    } catch (e) {
      const why = isAppError(e) ? e.message : 'the site did not answer as expected';
      return {
        found: [],
        gone: [],
        warnings: [
          `${candidates.length} appointment(s) no longer in the site’s list could not be checked (${why}); they were left as they were.`,
        ],
      };
    }
  }

  private async writeState(at: string, error: string | null, mode: SyncMode): Promise<void> {
    const repo = this.o.book.repos.syncState;
    const before = await repo.get(SOURCE, this.scope);
    const cursor = readCursor(before?.cursor);
    if (!error) cursor[mode === 'full' ? 'lastFullAt' : 'lastIncrementalAt'] = at;
    await repo.put({
      source: SOURCE,
      scope: this.scope,
      cursor: JSON.stringify(cursor),
      lastSuccessAt: error ? (before?.lastSuccessAt ?? null) : at,
      lastError: error,
    });
  }
}

function readCursor(raw: string | null | undefined): SyncCursor {
  try {
    const c = raw ? JSON.parse(raw) : {};
    return { lastFullAt: c.lastFullAt ?? null, lastIncrementalAt: c.lastIncrementalAt ?? null };
  } catch {
    return { lastFullAt: null, lastIncrementalAt: null };
  }
}
