import type { IncomingMessage } from 'node:http';
import { AuthorizePageError, approveRequest, denyRequest, parseAuthorize } from './authorize';
import { escapeHtml, type Reply, readBody } from './http';
import { errorPage, page } from './pages';
import type { SandboxState } from './state';

/** GET /oauth/authorize: the consent page the demo's browser shows. */
export function authorizePage(state: SandboxState, url: URL): Reply {
  try {
    const req = parseAuthorize(state, url.toString());
    const users = [...state.users.values()]
      .map(
        (u) =>
          `<option value="${escapeHtml(u.email)}">${escapeHtml(`${u.display_name} <${u.email}>`)}</option>`,
      )
      .join('');
    const scopes = req.client.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
    return page(
      200,
      'Authorize app',
      `<h1>Allow ${escapeHtml(req.client.clientId)} to use your Zoom account?</h1>` +
        `<p>It asks for:</p><ul>${scopes}</ul>` +
        `<form method="post" action="/oauth/authorize/approve">` +
        `<input type="hidden" name="authorize_url" value="${escapeHtml(url.toString())}">` +
        `<label>Sign in as <select name="user">${users}</select></label><p>` +
        `<button type="submit" name="action" value="approve">Allow</button>` +
        `<button type="submit" name="action" value="deny">Decline</button></p></form>`,
      // Browsers apply form-action to the redirect after the POST: allow the app's own redirect
      // origin (already checked against the allow list), and nothing else.
      {
        'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${new URL(req.redirectUri).origin}`,
      },
    );
  } catch (e) {
    if (e instanceof AuthorizePageError) return errorPage(400, e.code, e.message);
    throw e;
  }
}

/** POST /oauth/authorize/approve: the form's target; answers with the redirect Zoom would send. */
export async function approveForm(state: SandboxState, req: IncomingMessage): Promise<Reply> {
  const form = new URLSearchParams((await readBody(req, state.settings.maxBodyBytes)).toString('utf8'));
  const authorizeUrl = form.get('authorize_url') ?? '';
  try {
    const location =
      form.get('action') === 'deny'
        ? denyRequest(state, authorizeUrl)
        : approveRequest(state, authorizeUrl, form.get('user') ?? '');
    return { status: 302, headers: { location } };
  } catch (e) {
    if (e instanceof AuthorizePageError) return errorPage(400, e.code, e.message);
    throw e;
  }
}
