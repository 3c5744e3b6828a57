// Shared set-up of the clinic-of-desktops tests (not a test file): desktops are cores on one
// PostgreSQL that all talk to one standalone Zoom sandbox, and a doctor signs in on one of them.
import type { Companion } from '../../main/core/app/companion';
import type { ZoomSandbox } from '../../main/core/zoom-sandbox';

/** Options that point a desktop's core at the shared sandbox (not a sandbox of its own). */
export function sandboxDesktop(zoom: ZoomSandbox, clinicTimeZone: string) {
  return {
    sandbox: false,
    env: {
      ZOOM_OAUTH_BASE_URL: zoom.oauthBaseUrl,
      ZOOM_API_BASE_URL: zoom.apiBaseUrl,
      ZOOM_CLIENT_ID: 'sandbox-public-client',
    },
    policy: { clinicTimeZone },
  };
}

/** The doctor signs in to Zoom on this desktop, through the real loopback flow. */
export async function signIn(
  desktop: Companion,
  zoom: ZoomSandbox,
  doctor: { id: string; email: string },
): Promise<void> {
  const { authorizeUrl, completion } = await desktop.services.connections.beginConnect(doctor.id, {
    redirectMode: 'loopback',
  });
  await fetch(await zoom.approve(authorizeUrl, doctor.email), { redirect: 'manual' });
  await completion;
}
