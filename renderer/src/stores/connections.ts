// Zoom connections, one per doctor; main runs the OAuth flow and reports back through events.
import { create } from 'zustand';
import { invoke, on } from '../api';
import type { Connection } from '../lib/types';
import { toast } from './toasts';

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
    const r = await invoke('connections:list', {});
    set(r.ok ? { connections: r.value, error: null } : { error: r.error.message });
  },
  async connect(doctorId) {
    set({ pending: { ...get().pending, [doctorId]: true } });
    const r = await invoke('connections:connect', { doctorId });
    set({ pending: { ...get().pending, [doctorId]: false } });
    if (r.ok) toast('Finish signing in to Zoom in the browser window that opened.');
    else toast(r.error.message, 'error');
    await get().load();
  },
  async cancelConnect(doctorId) {
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

export const selectMustReconnect = (s: ConnectionState) => s.connections.filter((c) => c.reconnectBefore);
