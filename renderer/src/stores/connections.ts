// Zoom connections, one per doctor; main runs the OAuth flow and reports back through events.
import { create } from 'zustand';
import { invoke, on } from '../api';
import type { Connection } from '../lib/types';
import { doctorName, useProfile } from './profile';
import { toast } from './toasts';

/** Sign-ins cancelled here: their end is no news. */
const cancelled = new Set<string>();

/**
 * A sign-in that was waiting and ended without anyone here cancelling it (it timed out, or Zoom
 * refused it) is said in words, so the doctor knows to connect again.
 */
function sayEndedSignIns(before: Connection[], after: Connection[]) {
  for (const was of before) {
    if (was.state !== 'connecting' || cancelled.has(was.doctorId)) continue;
    const now = after.find((c) => c.doctorId === was.doctorId);
    if (!now || now.state === 'connecting' || now.state === 'connected' || now.state === 'confirm-account')
      continue;
    const who = doctorName(useProfile.getState().doctors, was.doctorId);
    toast(
      `${who}’s Zoom sign-in ended without connecting${now.lastError ? `: ${now.lastError}` : ''}. Connect again when ready.`,
      'error',
    );
  }
}

interface ConnectionState {
  connections: Connection[];
  error: string | null;
  pending: Record<string, boolean>;
  load(): Promise<void>;
  connect(doctorId: string): Promise<void>;
  /** Gives up a sign-in still waiting in the browser; nothing is kept. */
  cancelConnect(doctorId: string): Promise<void>;
  disconnect(doctorId: string): Promise<void>;
  confirmAccount(doctorId: string, accountEmail: string): Promise<void>;
  rejectAccount(doctorId: string): Promise<void>;
  subscribe(): () => void;
}

export const useConnections = create<ConnectionState>((set, get) => ({
  connections: [],
  error: null,
  pending: {},
  async load() {
    const before = get().connections;
    const r = await invoke('connections:list', {});
    set(r.ok ? { connections: r.value, error: null } : { error: r.error.message });
    if (r.ok) sayEndedSignIns(before, r.value);
  },
  async connect(doctorId) {
    cancelled.delete(doctorId);
    set({ pending: { ...get().pending, [doctorId]: true } });
    const r = await invoke('connections:connect', { doctorId });
    set({ pending: { ...get().pending, [doctorId]: false } });
    if (r.ok) toast('Finish signing in to Zoom in the browser window that opened.');
    else toast(r.error.message, 'error');
    await get().load();
  },
  async cancelConnect(doctorId) {
    cancelled.add(doctorId);
    set({ pending: { ...get().pending, [doctorId]: true } });
    const r = await invoke('connections:cancelConnect', { doctorId });
    set({ pending: { ...get().pending, [doctorId]: false } });
    toast(r.ok ? 'Zoom sign-in cancelled. Nothing was kept.' : r.error.message, r.ok ? 'ok' : 'error');
    await get().load();
  },
  async disconnect(doctorId) {
    set({ pending: { ...get().pending, [doctorId]: true } });
    const r = await invoke('connections:disconnect', { doctorId });
    set({ pending: { ...get().pending, [doctorId]: false } });
    toast(r.ok ? 'Zoom disconnected.' : r.error.message, r.ok ? 'ok' : 'error');
    await get().load();
  },
  async confirmAccount(doctorId, accountEmail) {
    set({ pending: { ...get().pending, [doctorId]: true } });
    const r = await invoke('connections:confirmAccount', { doctorId, accountEmail });
    set({ pending: { ...get().pending, [doctorId]: false } });
    toast(r.ok ? `Zoom connected with ${accountEmail}.` : r.error.message, r.ok ? 'ok' : 'error');
    await get().load();
  },
  async rejectAccount(doctorId) {
    set({ pending: { ...get().pending, [doctorId]: true } });
    const r = await invoke('connections:rejectAccount', { doctorId });
    set({ pending: { ...get().pending, [doctorId]: false } });
    toast(
      r.ok ? 'Nothing was kept. Connect again with the right Zoom account.' : r.error.message,
      r.ok ? 'ok' : 'error',
    );
    await get().load();
  },
  subscribe() {
    return on('connections:changed', () => void get().load());
  },
}));
