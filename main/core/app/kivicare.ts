// The clinic's KiviCare site as a schedule source: connect with a sign-in (kept in the vault),
// sync on start, on a rhythm and on demand. The site is the truth for the schedule; meetings the
// site's Telemedicine add-on made are shown, never duplicated.
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import {
  type ConnectedSite,
  connectSite,
  forgetSiteCredentials,
  KiviCareSync,
  openSite,
  type SiteConnectionOptions,
  type StatusReading,
  type SyncMode,
  type SyncReport,
  SyncScheduler,
} from '../sources';
import type { Services } from './services';

interface SiteSettings {
  siteUrl: string;
  companionProvisions: boolean;
  statusReading: StatusReading;
  kind: string;
}

const SETTINGS_KEY = 'kivicare.site';
const CLIENT_ID_KEY = 'kivicare.clientId';

export class KiviCareService {
  private sync: KiviCareSync | null = null;
  private scheduler: SyncScheduler | null = null;
  private lastReport: SyncReport | null = null;
  /** Counts stops: a start that read its settings before a stop (or a newer start) lets it be. */
  private generation = 0;

  constructor(
    private readonly s: Services,
    private readonly onSynced: () => void,
  ) {}

  private site(): Promise<SiteSettings | undefined> {
    return this.s.repos.settings.get<SiteSettings>(SETTINGS_KEY);
  }

  /** This installation's X-KC-Client-Id: one stable random id, made once. */
  private clientId(): Promise<string> {
    const settings = this.s.repos.settings;
    // Read and made in one transaction: two callers at once still end with one id.
    return this.s.store.transaction(async () => {
      let id = await settings.get<string>(CLIENT_ID_KEY);
      if (!id) {
        id = `clinic-companion-${randomUUID()}`;
        await settings.set(CLIENT_ID_KEY, id);
      }
      return id;
    });
  }

  private async connection(siteUrl: string, statusReading?: StatusReading): Promise<SiteConnectionOptions> {
    return {
      siteUrl,
      policy: {
        kivicareSite: this.s.policy.kivicareSite,
        allowHttpKivicare: this.s.policy.allowHttpKivicare,
        allowPrivateKivicare: this.s.policy.allowPrivateKivicare,
      },
      vault: this.s.vault,
      clientId: await this.clientId(),
      clinicTimeZone: this.s.settings.get().clinicTimeZone,
      statusReading,
    };
  }

  /** Starts syncing a site connected earlier; the source opens lazily so a dead site is a sync error. */
  async start(): Promise<void> {
    const generation = this.generation;
    const site = await this.site();
    if (!site || generation !== this.generation) return;
    let opened: Promise<ConnectedSite> | null = null;
    this.begin(site, () => {
      opened ??= this.connection(site.siteUrl, site.statusReading)
        .then((c) => openSite(c))
        .catch((e) => {
          opened = null;
          throw e;
        });
      return opened.then((c) => c.source);
    });
  }

  async connect(input: {
    siteUrl: string;
    kind: 'login' | 'app-password';
    username: string;
    password: string;
    companionProvisions: boolean;
    statusReading: StatusReading;
  }): Promise<void> {
    const connected = await connectSite(await this.connection(input.siteUrl, input.statusReading), {
      kind: input.kind,
      username: input.username,
      password: input.password,
    });
    const previous = await this.site();
    if (previous && previous.siteUrl !== connected.siteUrl)
      await forgetSiteCredentials(this.s.vault, previous.siteUrl);
    const site: SiteSettings = {
      siteUrl: connected.siteUrl,
      companionProvisions: input.companionProvisions,
      statusReading: input.statusReading,
      kind: connected.probe.kind,
    };
    await this.s.repos.settings.set(SETTINGS_KEY, site);
    await this.s.repos.audit.append({
      actor: 'front-desk',
      action: 'kivicare.connected',
      entity: 'site',
      entityId: site.siteUrl,
    });
    this.begin(site, async () => connected.source);
  }

  async disconnect(): Promise<void> {
    const site = await this.site();
    this.stop();
    if (!site) return;
    await forgetSiteCredentials(this.s.vault, site.siteUrl);
    await this.s.repos.settings.set(SETTINGS_KEY, null);
    await this.s.repos.audit.append({
      actor: 'front-desk',
      action: 'kivicare.disconnected',
      entity: 'site',
      entityId: site.siteUrl,
    });
  }

  /** How the connected site is read: who makes meetings, and the status-number reading. */
  async configure(input: { companionProvisions?: boolean; statusReading?: StatusReading }): Promise<void> {
    const site = await this.site();
    if (!site) throw new AppError('not-found', 'No KiviCare site is connected.');
    const next: SiteSettings = {
      ...site,
      companionProvisions: input.companionProvisions ?? site.companionProvisions,
      statusReading: input.statusReading ?? site.statusReading,
    };
    await this.s.repos.settings.set(SETTINGS_KEY, next);
    await this.s.repos.audit.append({
      actor: 'front-desk',
      action: 'kivicare.configured',
      entity: 'site',
      entityId: site.siteUrl,
      detail: { companionProvisions: next.companionProvisions, statusReading: next.statusReading },
    });
    // The source reads statuses as it was built: open it again with the new reading.
    await this.start();
  }

  async syncNow(mode: SyncMode): Promise<SyncReport> {
    if (!this.sync) throw new AppError('not-found', 'No KiviCare site is connected.');
    const report = await this.sync.run(mode);
    this.finished(report);
    return report;
  }

  async view() {
    const site = (await this.site()) ?? undefined;
    const state = await this.sync?.state();
    return {
      connected: !!site,
      siteUrl: site?.siteUrl ?? this.s.policy.kivicareSite ?? null,
      siteUrlLocked: this.s.policy.kivicareSite !== undefined,
      apiKind: site?.kind ?? null,
      companionProvisions: site?.companionProvisions ?? true,
      statusReading: site?.statusReading ?? ('documented' as const),
      apiLabel: site ? apiLabel(site) : null,
      busy: this.sync?.busy ?? false,
      lastSuccessAt: state?.lastSuccessAt ?? null,
      lastError: state?.lastError ?? null,
      lastOutcome: this.lastReport ? outcomeOf(this.lastReport) : null,
    };
  }

  async lastSyncAt(): Promise<string | null> {
    return (await this.sync?.state())?.lastSuccessAt ?? null;
  }

  stop(): void {
    this.generation++;
    this.scheduler?.stop();
    this.scheduler = null;
    this.sync = null;
  }

  private begin(site: SiteSettings, source: () => Promise<ConnectedSite['source']>): void {
    this.stop();
    const sync = new KiviCareSync({
      store: this.s.store,
      book: this.s.book,
      source,
      companionProvisions: site.companionProvisions,
    });
    this.sync = sync;
    this.scheduler = new SyncScheduler({
      run: async (mode) => {
        // A clinic of desktops syncs the site from one desktop at a time; the others read the
        // result from the shared database (and take over when that desktop goes away).
        if (this.s.clinic && !(await this.s.clinic.leads('kivicare-sync').catch(() => false))) {
          return {
            ok: false,
            mode,
            at: new Date().toISOString(),
            error: { kind: 'conflict', message: 'Another desktop syncs the KiviCare site.' },
          };
        }
        const report = await sync.run(mode);
        this.finished(report);
        return report;
      },
    });
    void this.scheduler.start().catch((e) => this.s.logger.warn('kivicare.sync-failed', { error: e }));
  }

  private finished(report: SyncReport): void {
    this.lastReport = report;
    // A sync may queue a surplus companion meeting for deletion (the site made its own).
    if (report.ok) this.s.engine.kick();
    if (!report.ok)
      this.s.logger.warn('kivicare.sync-failed', { kind: report.error.kind, message: report.error.message });
    this.onSynced();
  }
}

const API_WORDS: Record<string, string> = {
  'kivicare-v4': 'KiviCare 4.x REST API',
  'kivicare-mobile': 'KiviCare mobile-app API',
};

function apiLabel(site: SiteSettings): string {
  const api = API_WORDS[site.kind] ?? site.kind;
  const reading =
    site.statusReading === 'swapped'
      ? 'statuses read with Pending and Check-in swapped'
      : 'statuses read as documented';
  return `${api}; ${reading}`;
}

/** One sentence for where the user clicked, and the notes a receptionist may need to act on. */
function outcomeOf(r: SyncReport) {
  const base = { ok: r.ok, mode: r.mode, at: r.at };
  if (!r.ok) return { ...base, message: `Sync failed: ${r.error.message}`, notes: [] };
  const parts = [`${r.created} new`, `${r.updated} changed`, `${r.cancelled} cancelled`];
  if (r.skipped) parts.push(`${r.skipped} not taken over`);
  const kind = r.mode === 'full' ? 'Full sync' : 'Sync';
  return {
    ...base,
    message: `${kind} finished: ${parts.join(', ')}.${r.warnings.length ? ` ${r.warnings.length} note(s) below.` : ''}`,
    notes: r.warnings.slice(0, 10),
  };
}
