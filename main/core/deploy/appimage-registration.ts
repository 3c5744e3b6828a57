// An AppImage runs from wherever the user put it, and no installer registers its URL scheme, so at
// start the app writes a user desktop file pointing at $APPIMAGE and makes it the scheme's handler.
import path from 'node:path';
import { AppError } from '../errors';
import { APP_URL_SCHEME } from '../security/app-identity';
import { APP_DISPLAY_NAME } from '../settings/policy';

/** Its own name, so it never shadows a deb's clinic-companion.desktop menu entry. */
export const APPIMAGE_DESKTOP_FILE = 'clinic-companion-appimage.desktop';

export interface Command {
  file: string;
  args: string[];
  /** A missing optional tool (update-desktop-database on a minimal system) is not a failure. */
  optional: boolean;
}

export interface AppImageRegistration {
  desktopFilePath: string;
  content: string;
  commands: Command[];
}

// Desktop Entry spec, "The Exec key": these must be escaped inside a quoted argument.
const EXEC_RESERVED = /["`$\\]/g;

/** Quotes a path for an Exec line, then escapes it as a desktop-file string value. */
export function execArgument(file: string): string {
  // Control characters would end the line and inject keys into the file.
  if (file.length === 0 || /[\p{Cc}]/u.test(file)) {
    throw new AppError('invalid-request', 'The AppImage path cannot be used in a desktop file.', { file });
  }
  const quoted = /^[A-Za-z0-9/._+-]+$/.test(file) ? file : `"${file.replace(EXEC_RESERVED, '\\$&')}"`;
  return quoted.replaceAll('\\', '\\\\').replaceAll('%', '%%');
}

export function appImageDesktopEntry(appImagePath: string, scheme = APP_URL_SCHEME): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${APP_DISPLAY_NAME}`,
    'Comment=Opens Zoom sign-ins forwarded to Clinic Companion',
    `Exec=${execArgument(appImagePath)} %U`,
    'Terminal=false',
    // A handler only: the AppImage itself is how people start the app.
    'NoDisplay=true',
    `MimeType=x-scheme-handler/${scheme};`,
    'Categories=Office;',
    '',
  ].join('\n');
}

/** Where the user's desktop files live (XDG Base Directory spec). */
export function userApplicationsDir(home: string, env: Record<string, string | undefined>): string {
  const dataHome = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : undefined;
  return path.join(dataHome ?? path.join(home, '.local', 'share'), 'applications');
}

/** What to write and run, or null when this is not an AppImage run on Linux. */
export function appImageRegistration(input: {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}): AppImageRegistration | null {
  const appImage = input.env.APPIMAGE;
  if (input.platform !== 'linux' || !appImage || !path.isAbsolute(appImage)) return null;
  const dir = userApplicationsDir(input.home, input.env);
  return {
    desktopFilePath: path.join(dir, APPIMAGE_DESKTOP_FILE),
    content: appImageDesktopEntry(appImage),
    commands: [
      {
        file: 'xdg-mime',
        args: ['default', APPIMAGE_DESKTOP_FILE, `x-scheme-handler/${APP_URL_SCHEME}`],
        optional: false,
      },
      { file: 'update-desktop-database', args: [dir], optional: true },
    ],
  };
}

/** First start, or the AppImage moved or was renamed since: the file on disk says which. */
export function needsRegistration(existing: string | null, wanted: AppImageRegistration): boolean {
  return existing !== wanted.content;
}

/**
 * Who registers the scheme with the OS. Electron's setAsDefaultProtocolClient names the packaged
 * desktop file, which an AppImage does not install, so AppImage runs use the user desktop file.
 */
export function schemeRegistrar(platform: NodeJS.Platform, env: Record<string, string | undefined>) {
  return platform === 'linux' && env.APPIMAGE ? 'appimage-desktop-file' : 'electron';
}
