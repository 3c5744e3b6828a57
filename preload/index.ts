// Sandboxed preload: exposes the narrow API derived from the contract, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import {
  type Channel,
  type CompanionApi,
  channelNames,
  type EventName,
  eventNames,
  wireChannel,
  wireEvent,
} from './contract';

const knownChannels = new Set<string>(channelNames);
const knownEvents = new Set<string>(eventNames);

const api: CompanionApi = {
  invoke(channel, request) {
    if (!knownChannels.has(channel)) {
      return Promise.resolve({ ok: false, error: { kind: 'unknown-channel', message: 'Unknown request.' } });
    }
    return ipcRenderer.invoke(wireChannel(channel as Channel), request);
  },
  on(event, listener) {
    if (!knownEvents.has(event)) throw new Error(`Unknown event: ${String(event)}`);
    const wire = wireEvent(event as EventName);
    // Strip the IpcRendererEvent: the page only ever sees the payload.
    const handler = (_e: unknown, payload: unknown) => listener(payload as never);
    ipcRenderer.on(wire, handler);
    return () => {
      ipcRenderer.removeListener(wire, handler);
    };
  },
};

contextBridge.exposeInMainWorld('companion', api);
