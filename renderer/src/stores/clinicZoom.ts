// Zoom mode and the clinic's Server-to-Server account. The secret goes to main once and never
// comes back; the page only ever sees whether the account is set up.
import { create } from 'zustand';
import type { IpcError, RequestOf, ResponseOf } from '../../../preload/contract';
import { invoke } from '../api';
import { useConnections } from './connections';
import { useSettings } from './settings';
import { toast } from './toasts';

type View = ResponseOf<'clinicZoom:get'>;
export type ZoomMode = View['mode'];

/** Plain words for what can go wrong with the clinic account. */
export function clinicZoomProblem(e: IpcError): string {
  switch (e.kind) {
    case 'oauth-refused':
      return 'Zoom did not accept these clinic credentials. Check the account ID, client ID and client secret with IT.';
    case 'zoom-unavailable':
      return 'Zoom did not answer, so the credentials could not be checked. Try again in a moment.';
    case 'locked':
      return 'Your IT department manages this setting.';
    default:
      return e.message;
  }
}

interface ClinicZoomState {
  view: View | null;
  error: string | null;
  busy: boolean;
  load(): Promise<void>;
  setMode(mode: ZoomMode): Promise<string | null>;
  save(creds: RequestOf<'clinicZoom:set'>): Promise<string | null>;
  clear(): Promise<void>;
}

// Connections follow the mode and the clinic account, so both reload after any change here.
const refreshConnections = () => useConnections.getState().load();

export const useClinicZoom = create<ClinicZoomState>((set, get) => ({
  view: null,
  error: null,
  busy: false,
  async load() {
    const r = await invoke('clinicZoom:get', {});
    set(r.ok ? { view: r.value, error: null } : { error: r.error.message });
  },
  async setMode(mode) {
    set({ busy: true });
    const r = await invoke('settings:update', { mode });
    set({ busy: false });
    if (!r.ok) return clinicZoomProblem(r.error);
    useSettings.setState({ settings: r.value });
    toast(
      mode === 'clinic-wide'
        ? 'Doctors now use the clinic Zoom account.'
        : 'Each doctor now connects their own Zoom account.',
    );
    await Promise.all([get().load(), refreshConnections()]);
    return null;
  },
  async save(creds) {
    set({ busy: true });
    const r = await invoke('clinicZoom:set', creds);
    set({ busy: false });
    if (!r.ok) return clinicZoomProblem(r.error);
    set({ view: r.value, error: null });
    toast('Clinic Zoom account saved. Zoom accepted the credentials.');
    await refreshConnections();
    return null;
  },
  async clear() {
    set({ busy: true });
    const r = await invoke('clinicZoom:clear', {});
    set({ busy: false });
    if (r.ok) set({ view: r.value });
    toast(r.ok ? 'Clinic Zoom account removed.' : r.error.message, r.ok ? 'ok' : 'error');
    await refreshConnections();
  },
}));
