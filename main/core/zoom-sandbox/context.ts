import type { IncomingMessage } from 'node:http';
import type { AccessToken, SandboxState } from './state';

/** What an authenticated API handler gets. */
export interface RouteContext {
  state: SandboxState;
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  token: AccessToken;
}
