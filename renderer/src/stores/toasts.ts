// Confirmations and errors, announced through one polite live region.
import { create } from 'zustand';

export interface Toast {
  id: number;
  text: string;
  tone: 'ok' | 'error';
}

interface ToastState {
  toasts: Toast[];
  push(text: string, tone?: Toast['tone']): void;
  dismiss(id: number): void;
}

let nextId = 1;
const LIFETIME_MS = 6000;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push(text, tone = 'ok') {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-3), { id, text, tone }] });
    setTimeout(() => get().dismiss(id), LIFETIME_MS);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export const toast = (text: string, tone?: Toast['tone']) => useToasts.getState().push(text, tone);
