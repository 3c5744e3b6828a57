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

  constructor(
    private readonly s: Services,
    private readonly onSynced: () => void,
  ) {}

  private site(): SiteSettings | undefined {
    return this.s.repos.settings.get<SiteSettings>(SETTINGS_KEY);
  }

  /** This installation's X-KC-Client-Id: one stable random id, made once. */
  private clientId(): string {
    let id = this.s.repos.settings.get<string>(CLIENT_ID_KEY);
    if (!id) {
      id = `clinic-companion-${randomUUID()}`;
      this.s.repos.settings.set(CLIENT_ID_KEY, id);
    }
    return id;
  }

  private connection(siteUrl: string, statusReading?: StatusReading): SiteConnectionOptions {
    return {
      siteUrl,
      policy: {
        kivicareSite: this.s.policy.kivicareSite,
        allowHttpKivicare: this.s.policy.allowHttpKivicare,
      },
      vault: this.s.vault,
      clientId: this.clientId(),
      clinicTimeZone: this.s.settings.get().clinicTimeZone,
      statusReading,
    };
  }

  /** Starts syncing a site connected earlier; the source opens lazily so a dead site is a sync error. */
  start(): void {
    const site = this.site();
    if (!site) return;
    let opened: Promise<ConnectedSite> | null = null;
    this.begin(site, () => {
      opened ??= openSite(this.connection(site.siteUrl, site.statusReading)).catch((e) => {
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
    const connected = await connectSite(this.connection(input.siteUrl, input.statusReading), {
      kind: input.kind,
      username: input.username,
      password: input.password,
    });
    const previous = this.site();
    if (previous && previous.siteUrl !== connected.siteUrl)
      await forgetSiteCredentials(this.s.vault, previous.siteUrl);
    const site: SiteSettings = {
      siteUrl: connected.siteUrl,
      companionProvisions: input.companionProvisions,
      statusReading: input.statusReading,
      kind: connected.probe.kind,
    };
    this.s.repos.settings.set(SETTINGS_KEY, site);
    this.s.repos.audit.append({
      actor: 'front-desk',
      action: 'kivicare.connected',
      entity: 'site',
      entityId: site.siteUrl,
    });
    this.begin(site, async () => connected.source);
  }

  async disconnect(): Promise<void> {
    const site = this.site();
    this.stop();
    if (!site) return;
    await forgetSiteCredentials(this.s.vault, site.siteUrl);
    this.s.repos.settings.set(SETTINGS_KEY, null);
    this.s.repos.audit.append({
      actor: 'front-desk',
      action: 'kivicare.disconnected',
      entity: 'site',
      entityId: site.siteUrl,
    });
  }

  async syncNow(mode: SyncMode): Promise<SyncReport> {
    if (!this.sync) throw new AppError('not-found', 'No KiviCare site is connected.');
    const report = await this.sync.run(mode);
    this.finished(report);
    return report;
  }

  view() {
    const site = this.site() ?? undefined;
    const state = this.sync?.state();
    return {
      connected: !!site,
      siteUrl: site?.siteUrl ?? this.s.policy.kivicareSite ?? null,
      siteUrlLocked: this.s.policy.kivicareSite !== undefined,
      apiKind: site?.kind ?? null,
      companionProvisions: site?.companionProvisions ?? true,
      statusReading: site?.statusReading ?? ('documented' as const),
      busy: this.sync?.busy ?? false,
      lastSuccessAt: state?.lastSuccessAt ?? null,
      lastError: state?.lastError ?? null,
      lastReport: this.lastReport?.ok
        ? `${this.lastReport.created ?? 0} new, ${this.lastReport.updated ?? 0} changed, ${this.lastReport.cancelled ?? 0} cancelled`
        : null,
    };
  }

  lastSyncAt(): string | null {
    return this.sync?.state().lastSuccessAt ?? null;
  }

  stop(): void {
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
        const report = await sync.run(mode);
        this.finished(report);
        return report;
      },
    });
    void this.scheduler.start().catch((e) => this.s.logger.warn('kivicare.sync-failed', { error: e }));
  }

  private finished(report: SyncReport): void {
    this.lastReport = report;
    if (!report.ok)
      this.s.logger.warn('kivicare.sync-failed', { kind: report.error.kind, message: report.error.message });
    this.onSynced();
  }
}
