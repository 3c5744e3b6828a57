/** Granular scopes a per-doctor (user-level) app gets by default. */
export const USER_SCOPES = [
  'meeting:write:meeting',
  'meeting:read:meeting',
  'meeting:update:meeting',
  'meeting:delete:meeting',
  'meeting:read:list_meetings',
  'user:read:user',
];

/** Server-to-Server apps hold the `:admin` variants. */
export const ADMIN_SCOPES = USER_SCOPES.map((s) => `${s}:admin`);

/** Classic scope that also grants each granular one (older apps, and the OpenAPI file's `security`). */
const CLASSIC: Record<string, string> = {
  'meeting:write:meeting': 'meeting:write',
  'meeting:update:meeting': 'meeting:write',
  'meeting:delete:meeting': 'meeting:write',
  'meeting:read:meeting': 'meeting:read',
  'meeting:read:list_meetings': 'meeting:read',
  'user:read:user': 'user:read',
};

/** The scopes that satisfy a granular requirement, in the order Zoom lists them in a 4711 message. */
export function acceptedScopes(granular: string): string[] {
  const classic = CLASSIC[granular];
  return [granular, `${granular}:admin`, ...(classic ? [classic, `${classic}:admin`] : [])];
}

export const hasScope = (held: string[], granular: string): boolean =>
  acceptedScopes(granular).some((s) => held.includes(s));
