export {
  forgetSiteCredentials,
  KIVICARE_VAULT_SERVICE,
  loadSiteCredentials,
  SiteCredentials,
  saveSiteCredentials,
} from './credentials';
export { createKiviCareMobileSource, type KiviCareMobileOptions } from './kivicare-mobile';
export { createKiviCareV4Source, type KiviCareV4Options } from './kivicare-v4';
export { type ProbeResult, probeSite, siteZoneFrom } from './probe';
export { realClock, type SchedulerClock, SyncScheduler } from './scheduler';
export { type ConnectedSite, connectSite, openSite, type SiteConnectionOptions } from './site-connection';
export { type SiteFailure, siteError, siteFailureOf } from './site-errors';
export { isLanHost, type SiteUrlPolicy, validateSiteUrl } from './site-url';
export type * from './source';
export { mapStatus, type StatusReading, statusFromCode, statusFromName } from './status-codes';
export {
  DEFAULT_WINDOWS,
  KiviCareSync,
  type KiviCareSyncOptions,
  type SyncMode,
  type SyncReport,
} from './sync';
