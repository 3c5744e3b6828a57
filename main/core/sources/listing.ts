// Collects pages into one listing: keeps only the asked window (sites ignore a bad filter), drops
// duplicates from shifting pages, and sets unreadable rows aside by id.
import { readableId } from './item-fields';
import type { Listing, ListQuery, SiteAppointment } from './source';

export class ListingBuilder {
  private readonly byId = new Map<string, SiteAppointment>();
  private readonly unreadable = new Map<string, string>();
  private readonly seen = new Set<string>();
  pages = 0;

  constructor(private readonly query: ListQuery) {}

  /** Adds one page's raw items; returns how many ids were new (0 means the site repeats itself). */
  addPage(items: unknown[], read: (raw: unknown) => SiteAppointment | { problem: string }): number {
    this.pages++;
    let fresh = 0;
    for (const raw of items) {
      const item = read(raw);
      if ('problem' in item) {
        const id = readableId(raw);
        if (id === undefined) return -1;
        if (!this.seen.has(id)) fresh++;
        this.seen.add(id);
        this.unreadable.set(id, item.problem);
        continue;
      }
      if (!this.seen.has(item.siteId)) fresh++;
      this.seen.add(item.siteId);
      if (!this.inWindow(item)) continue;
      this.byId.set(item.siteId, item);
    }
    return fresh;
  }

  private inWindow(a: SiteAppointment): boolean {
    const q = this.query;
    if (a.localDate < q.dateFrom || a.localDate > q.dateTo) return false;
    if (q.patientId !== undefined && a.patient.siteId !== q.patientId) return false;
    return q.doctorId === undefined || a.doctor.siteId === q.doctorId;
  }

  build(): Listing {
    return {
      appointments: [...this.byId.values()],
      unreadable: [...this.unreadable].map(([siteId, problem]) => ({ siteId, problem })),
      pages: this.pages,
    };
  }
}
