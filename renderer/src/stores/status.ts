// App info and live status: online, sandbox server, clinic time zone, provisioning queue.
import { create } from 'zustand';
import { invoke, on } from '../api';
import { serverAway } from '../lib/server-away';
import type { AppInfo, AppStatus } from '../lib/types';

interface StatusState {
  info: AppInfo | null;
  status: AppStatus | null;
  error: string | null;
  load(): Promise<void>;
  subscribe(): () => void;
}

export const useStatus = create<StatusState>((set) => ({
  info: null,
  status: null,
  error: null,
  async load() {
    const [info, status] = await Promise.all([invoke('app:getInfo', {}), invoke('app:getStatus', {})]);
    set({
      info: info.ok ? info.value : null,
      status: status.ok ? status.value : null,
      error: status.ok ? null : status.error.message,
    });
  },
  subscribe() {
    return on('status:changed', (status) => set({ status, error: null }));
  },
}));

/** The clinic's zone once known; the desktop's zone until then. */
export const selectZone = (s: StatusState) =>
  s.status?.clinicTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The clinic server is away: the page shows the last known day and booking is paused. */
export const selectServerAway = (s: StatusState) => serverAway(s.status);
