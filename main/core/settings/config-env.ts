// Which environment variables may configure the app. In a development run they point the app at
// a sandbox or a test policy; in a packaged build anyone who can start the app (a shortcut, a
// login script) could set them to swap the policy or send tokens to another "Zoom", so there
// only the policy file and settings configure it.

/** Variables that override the policy path, the Zoom servers, or sandbox mode. */
export const CONFIG_ENV_OVERRIDES = [
  'CLINIC_COMPANION_POLICY',
  'CLINIC_COMPANION_SANDBOX',
  'CLINIC_ZOOM_HOSTS',
  'ZOOM_OAUTH_BASE_URL',
  'ZOOM_API_BASE_URL',
  'ZOOM_CLIENT_ID',
  'ZOOM_BRIDGE_URL',
] as const;

/** The environment core may read: without the overrides when the app is packaged. */
export function configEnv(
  packaged: boolean,
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  if (!packaged) return env;
  // Windows names variables case-insensitively: drop every spelling.
  const overrides = new Set<string>(CONFIG_ENV_OVERRIDES);
  return Object.fromEntries(Object.entries(env).filter(([key]) => !overrides.has(key.toUpperCase())));
}
