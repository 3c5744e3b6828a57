// The shell of the page: landmarks, navigation, banners and the current screen. On a narrow
// window the screens fold behind one button; Profile and Lock stay in view.
import { useEffect, useState } from 'react';
import { startApp } from './boot';
import { AppointmentDialog } from './components/AppointmentDialog';
import { Banners } from './components/Banners';
import { FirstRun } from './components/FirstRun';
import { ProfileSwitcher } from './components/ProfileSwitcher';
import { Toasts } from './components/Toasts';
import { desktopWords } from './lib/server-away';
import { Connections } from './screens/Connections';
import { DoctorDay } from './screens/DoctorDay';
import { FrontDesk } from './screens/FrontDesk';
import { Import } from './screens/Import';
import { Settings } from './screens/Settings';
import { SCREENS, useNav } from './stores/nav';
import { useStatus } from './stores/status';

export function App() {
  const screen = useNav((s) => s.screen);
  const go = useNav((s) => s.go);
  const info = useStatus((s) => s.info);
  // On a clinic of desktops: which desktop this is ("Reception · clinic server").
  const desktop = useStatus((s) => desktopWords(s.status));
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => startApp(), []);
  const current = SCREENS.find((s) => s.id === screen)?.label ?? 'Screens';
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className={`app-header${menuOpen ? ' menu-open' : ''}`}>
        <h1>Clinic Companion</h1>
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="screens-list"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">☰ </span>
          {current}
          <span className="visually-hidden">: choose a screen</span>
        </button>
        <nav aria-label="Screens">
          <ul id="screens-list">
            {SCREENS.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="nav-button"
                  aria-current={screen === s.id ? 'page' : undefined}
                  onClick={() => {
                    go(s.id);
                    setMenuOpen(false);
                  }}
                >
                  {s.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <ProfileSwitcher />
      </header>
      <Banners />
      <FirstRun />
      <main id="main" tabIndex={-1}>
        {screen === 'day' && <DoctorDay />}
        {screen === 'desk' && <FrontDesk />}
        {screen === 'connections' && <Connections />}
        {screen === 'import' && <Import />}
        {screen === 'settings' && <Settings />}
      </main>
      <footer className="app-footer">
        {info ? `${info.name} ${info.version}` : 'Clinic Companion'}
        {desktop && <span className="desktop-name"> · {desktop}</span>}
      </footer>
      <AppointmentDialog />
      <Toasts />
    </>
  );
}
