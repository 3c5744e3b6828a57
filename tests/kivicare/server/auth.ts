// WordPress sessions for the test site: login cookie + nonce (4.x), application passwords, and
// HS256 JWTs (jwt-auth) for the mobile API.
import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { cookiesOf } from './http';
import type { SiteUser } from './site-data';

export const LOGIN_COOKIE = 'wordpress_logged_in_5f4dcc3b5aa765d61d8327deb882cf99';
const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export class SiteAuth {
  private readonly sessions = new Map<string, string>();
  private readonly nonces = new Map<string, string>();
  private readonly secret = randomBytes(32);
  private tokenGeneration = 0;

  constructor(private readonly users: () => SiteUser[]) {}

  findUser(login: unknown): SiteUser | undefined {
    return this.users().find((u) => u.username === login || u.email === login);
  }

  startSession(user: SiteUser): { cookie: string; nonce: string } {
    const session = randomBytes(16).toString('hex');
    const nonce = randomBytes(5).toString('hex');
    this.sessions.set(session, user.username);
    this.nonces.set(nonce, session);
    return { cookie: `${LOGIN_COOKIE}=${user.username}%7C${session}; path=/; HttpOnly`, nonce };
  }

  /** The cookie's session, if the request carries a live one. */
  sessionOf(req: IncomingMessage): string | undefined {
    const value = cookiesOf(req).get(LOGIN_COOKIE);
    const session = value?.split('%7C')[1];
    return session && this.sessions.has(session) ? session : undefined;
  }

  nonceMatches(req: IncomingMessage, session: string): boolean {
    const nonce = req.headers['x-wp-nonce'];
    return typeof nonce === 'string' && this.nonces.get(nonce) === session;
  }

  userOfSession(session: string): SiteUser | undefined {
    return this.findUser(this.sessions.get(session));
  }

  /** Basic auth with an application password: the user, 'bad' for a wrong one, undefined if absent. */
  basicUser(req: IncomingMessage): SiteUser | 'bad' | undefined {
    const h = req.headers.authorization;
    if (!h?.startsWith('Basic ')) return undefined;
    const [name, ...rest] = Buffer.from(h.slice(6), 'base64').toString('utf8').split(':');
    const user = this.findUser(name);
    return user?.appPassword && user.appPassword === rest.join(':') ? user : 'bad';
  }

  expireNonces(): void {
    this.nonces.clear();
  }

  issueJwt(user: SiteUser): string {
    const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
    const body = b64url(
      JSON.stringify({ iss: 'test-site', data: { user: { id: user.username } }, gen: this.tokenGeneration }),
    );
    const sig = createHmac('sha256', this.secret).update(`${head}.${body}`).digest('base64url');
    return `${head}.${body}.${sig}`;
  }

  /** 'missing' (no header), 'invalid' (bad or expired), or the user. */
  jwtUser(req: IncomingMessage): SiteUser | 'missing' | 'invalid' {
    const h = req.headers.authorization;
    if (!h) return 'missing';
    const token = h.replace(/^Bearer\s+/i, '');
    const [head, body, sig] = token.split('.');
    if (!head || !body || !sig) return 'invalid';
    const good = createHmac('sha256', this.secret).update(`${head}.${body}`).digest('base64url');
    if (good !== sig) return 'invalid';
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (claims.gen !== this.tokenGeneration) return 'invalid';
    return this.findUser(claims.data?.user?.id) ?? 'invalid';
  }

  expireTokens(): void {
    this.tokenGeneration++;
  }
}
