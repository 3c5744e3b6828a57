import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { approveRequest, denyRequest } from './authorize';
import { Faults } from './faults';
import { startUrlState } from './meeting-pages';
import { passcodeFields } from './meetings-create';
import { requestHandler } from './server';
import { SandboxState } from './state';
import { revokeGrant } from './token-issue';
import type { SandboxMeeting, SandboxOptions, ZoomSandbox } from './types';
import { addUser, DEMO_USERS } from './users';

export { AuthorizePageError } from './authorize';
export type { FaultControl, FaultEffect, FaultRule } from './faults';
export { PUBLISHED_LIMITS } from './request-log';
export { ADMIN_SCOPES, USER_SCOPES } from './scopes';
export type * from './types';

/** A Zoom-compatible OAuth + Meeting API server on 127.0.0.1, for the demo mode and for tests. */
export async function startZoomSandbox(options: SandboxOptions = {}): Promise<ZoomSandbox> {
  const state = new SandboxState(options.now ?? Date.now, options);
  const faults = new Faults(options.seed ?? 1);
  const server = createServer(requestHandler(state, faults));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  state.origin = `http://127.0.0.1:${port}`;
  for (const init of options.users ?? DEMO_USERS) addUser(state, init);

  const meetingOrThrow = (id: string): SandboxMeeting => {
    const m = state.meetings.get(id);
    if (!m) throw new Error(`No live sandbox meeting ${id}`);
    return m;
  };

  return {
    origin: state.origin,
    oauthBaseUrl: state.origin,
    apiBaseUrl: `${state.origin}/v2`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    users: () => [...state.users.values()].map((u) => ({ ...u })),
    addUser: (init) => addUser(state, init),
    approve: async (authorizeUrl, userEmail) => approveRequest(state, authorizeUrl, userEmail),
    deny: async (authorizeUrl) => denyRequest(state, authorizeUrl),
    revokeUserTokens: (userEmail) => {
      const user = state.findUser(userEmail);
      if (!user) throw new Error(`No sandbox user ${userEmail}`);
      for (const g of state.grants.values()) if (g.userId === user.id) revokeGrant(state, g);
    },
    meetings: () => [...state.meetings.values()].map((m) => structuredClone(m)),
    deletedMeetings: () => state.deleted.map((m) => structuredClone(m)),
    deleteMeetingAsZoom: (id) => {
      const m = meetingOrThrow(id);
      state.meetings.delete(id);
      state.deleted.push({ ...m, deleted_at: state.iso() });
    },
    updateMeetingAsZoom: (id, patch) => {
      const m = meetingOrThrow(id);
      Object.assign(m, patch, patch.password !== undefined ? passcodeFields(patch.password) : {});
      m.updated_at = state.iso();
    },
    setMeetingStatus: (id, status) => {
      meetingOrThrow(id).status = status;
    },
    startUrlState: (startUrl) => {
      const url = new URL(startUrl);
      return startUrlState(state, url.pathname.split('/').pop() ?? '', url.searchParams.get('zak'));
    },
    faults,
    stats: () => structuredClone(state.stats),
    requests: () => state.log.requests(),
    strictReport: () => state.log.report(),
    clearRequests: () => state.log.clear(),
    advance: (ms) => state.advance(ms),
  };
}
