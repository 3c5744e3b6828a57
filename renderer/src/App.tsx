// The shell of the page: landmarks, navigation, banners and the current screen.
import { useEffect } from 'react';
import { startApp } from './boot';
import { AppointmentDialog } from './components/AppointmentDialog';
import { Banners } from './components/Banners';
import { ProfileSwitcher } from './components/ProfileSwitcher';
import { Toasts } from './components/Toasts';
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
  useEffect(() => startApp(), []);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <h1>Clinic Companion</h1>
        <nav aria-label="Screens">
          <ul>
            {SCREENS.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="nav-button"
                  aria-current={screen === s.id ? 'page' : undefined}
                  onClick={() => go(s.id)}
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
      <main id="main" tabIndex={-1}>
        {screen === 'day' && <DoctorDay />}
        {screen === 'desk' && <FrontDesk />}
        {screen === 'connections' && <Connections />}
        {screen === 'import' && <Import />}
        {screen === 'settings' && <Settings />}
      </main>
      <footer className="app-footer">{info ? `${info.name} ${info.version}` : 'Clinic Companion'}</footer>
      <AppointmentDialog />
      <Toasts />
    </>
  );
}
