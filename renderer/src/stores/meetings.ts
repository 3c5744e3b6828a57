// Meeting actions: main opens, copies and mails; the renderer only asks and confirms in words.
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

interface MeetingState {
  busy: Record<string, Action | undefined>;
  run(action: Action, appointmentId: string, who?: string): Promise<boolean>;
}

export const useMeetings = create<MeetingState>((set, get) => ({
  busy: {},
  async run(action, appointmentId, who) {
    set({ busy: { ...get().busy, [appointmentId]: action } });
    const r = await invoke(`meetings:${action}`, { appointmentId });
    set({ busy: { ...get().busy, [appointmentId]: undefined } });
    if (r.ok) toast(who ? `${done[action].replace(/\.$/, '')} for ${who}.` : done[action]);
    else toast(r.error.message, 'error');
    return r.ok;
  },
}));
