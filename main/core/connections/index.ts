export type { AccessTokenProvider } from './access-token-provider';
export {
  type BeginConnectResult,
  type ConnectionManager,
  type ConnectionManagerOptions,
  createConnectionManager,
  type RedirectMode,
  retiredKeyOf,
} from './connection-manager';
export type { ConnectionState, ConnectionStatus } from './connection-record';
export type { Logger } from './logger';
export { createS2STokenProvider, type S2STokenProviderOptions } from './s2s-token-provider';
export type { RefreshStep } from './token-lifecycle';
export { type FetchZoomUser, type ZoomAccount, zoomUserFetcher } from './zoom-user';
