// Which screen is showing.
import { create } from 'zustand';

export type Screen = 'day' | 'desk' | 'connections' | 'import' | 'settings';

export const SCREENS: Array<{ id: Screen; label: string }> = [
  { id: 'day', label: "Doctor's day" },
  { id: 'desk', label: 'Front desk' },
  { id: 'connections', label: 'Zoom connections' },
  { id: 'import', label: 'Import' },
  { id: 'settings', label: 'Settings' },
];

interface NavState {
  screen: Screen;
  go(screen: Screen): void;
}

export const useNav = create<NavState>((set) => ({
  screen: 'day',
  go(screen) {
    set({ screen });
  },
}));
