// The banner names the Zoom server whenever it is not Zoom's own: every host that is not zoom.us.
import { describe, expect, it } from 'vitest';
import { resolveZoomEndpoints } from '../../main/core/app/zoom-endpoints';

const name = (env: Record<string, string>) =>
  resolveZoomEndpoints({ env, policy: {}, settingsClientId: undefined }).serverName;

describe('Zoom server name', () => {
  it('is plain "Zoom" for zoom.us', () => {
    expect(name({})).toBe('Zoom');
  });
  it('names the sign-in server when only it is another (ZOOM_OAUTH_BASE_URL alone)', () => {
    expect(name({ ZOOM_OAUTH_BASE_URL: 'https://zoom.example.org' })).toBe(
      'Zoom-compatible server at zoom.example.org',
    );
  });
  it('names one host once, and two hosts both', () => {
    expect(
      name({ ZOOM_OAUTH_BASE_URL: 'https://z.example.org', ZOOM_API_BASE_URL: 'https://z.example.org/v2' }),
    ).toBe('Zoom-compatible server at z.example.org');
    expect(
      name({ ZOOM_OAUTH_BASE_URL: 'https://a.example.org', ZOOM_API_BASE_URL: 'https://b.example.org/v2' }),
    ).toBe('Zoom-compatible server at a.example.org and b.example.org');
  });
});
