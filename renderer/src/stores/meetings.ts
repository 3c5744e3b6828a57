// Meeting actions: main opens, copies and mails; the renderer only asks and confirms in words.
// The meeting ID and passcode come to the page only on a deliberate reveal, for one row.
import { create } from 'zustand';
import { invoke } from '../api';
import { toast } from './toasts';

type Action = 'start' | 'copyJoinLink' | 'copyInvitation' | 'emailInvitation' | 'retry';

const done: Record<Action, string> = {
  start: 'Opening the meeting in Zoom.',
  copyJoinLink: 'Join link copied.',
  copyInvitation: 'Invitation copied.',
  emailInvitation: 'Invitation opened in your e-mail program.',
  retry: 'Trying to create the meeting again.',
};

export interface PhoneDetails {
  appointmentId: string;
  meetingId: string;
  passcode: string;
}

interface MeetingState {
  busy: Record<string, Action | 'phone' | undefined>;
  /** The one row whose meeting ID and passcode are shown, until the row is left or closed. */
  phone: PhoneDetails | null;
  run(action: Action, appointmentId: string, who?: string): Promise<boolean>;
  revealPhone(appointmentId: string): Promise<boolean>;
  hidePhone(appointmentId?: string): void;
}

export const useMeetings = create<MeetingState>((set, get) => ({
  busy: {},
  phone: null,
  async run(action, appointmentId, who) {
    set({ busy: { ...get().busy, [appointmentId]: action } });
    const r = await invoke(`meetings:${action}`, { appointmentId });
    set({ busy: { ...get().busy, [appointmentId]: undefined } });
    if (r.ok) toast(who ? `${done[action].replace(/\.$/, '')} for ${who}.` : done[action]);
    else toast(r.error.message, 'error');
    return r.ok;
  },
  async revealPhone(appointmentId) {
    set({ busy: { ...get().busy, [appointmentId]: 'phone' } });
    const r = await invoke('meetings:phoneDetails', { appointmentId });
    set({ busy: { ...get().busy, [appointmentId]: undefined } });
    if (!r.ok) {
      toast(r.error.message, 'error');
      return false;
    }
    set({ phone: { appointmentId, ...r.value } });
    return true;
  },
  hidePhone(appointmentId) {
    if (!appointmentId || get().phone?.appointmentId === appointmentId) set({ phone: null });
  },
}));
