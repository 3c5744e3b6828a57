// The OAuth bridge: Zoom redirects here (https), and this page hands ONLY code and state (or a
// denied consent's error) to the app's private-use scheme. Everything else in the query is dropped.

// Must equal PROTOCOL_REDIRECT_URI in main/core/oauth/protocol-callback.ts (a test checks it).
const APP_CALLBACK = 'com.cliniccompanion.app://oauth/callback';
const MAX_VALUE = 2048;
// Codes, states and error codes are opaque tokens of visible ASCII; the app applies the same rule.
const TOKEN = /^[\x21-\x7e]+$/;
const TEXT = /^\P{Cc}+$/u;

function single(params, name, shape) {
  const all = params.getAll(name);
  if (all.length === 0) return undefined;
  if (all.length > 1 || all[0].length === 0 || all[0].length > MAX_VALUE || !shape.test(all[0])) {
    throw new Error(name);
  }
  return all[0];
}

/** The app URL to open, or null when the answer is not one Clinic Companion can use. */
function callbackFor(search) {
  const params = new URLSearchParams(search);
  try {
    const code = single(params, 'code', TOKEN);
    const state = single(params, 'state', TOKEN);
    const error = single(params, 'error', TOKEN);
    const description = single(params, 'error_description', TEXT);
    if (state === undefined) return null;
    const out = new URLSearchParams();
    if (error !== undefined && code === undefined) {
      out.set('error', error);
      if (description !== undefined) out.set('error_description', description);
    } else if (code !== undefined && error === undefined) {
      out.set('code', code);
    } else {
      return null;
    }
    out.set('state', state);
    return `${APP_CALLBACK}?${out.toString()}`;
  } catch {
    return null;
  }
}

function show(id, text) {
  const el = document.getElementById(id);
  if (text !== undefined) el.textContent = text;
  el.hidden = false;
}

function run() {
  const target = callbackFor(window.location.search);
  // The one-time code should not stay in the address bar or the history.
  window.history.replaceState(null, '', window.location.pathname);
  if (target === null) {
    document.getElementById('status').hidden = true;
    show(
      'problem',
      'This page was opened without a usable answer from Zoom, so there is nothing to pass to Clinic ' +
        'Companion. Start "Connect Zoom" again in Clinic Companion.',
    );
    return;
  }
  // The link is made here, with its target, so the page never shows a link that goes nowhere.
  const slot = document.getElementById('open-app');
  const link = document.createElement('a');
  link.href = target;
  link.id = 'open-app';
  link.textContent = slot.textContent;
  slot.replaceWith(link);
  show('fallback');
  window.location.href = target;
}

document.addEventListener('DOMContentLoaded', run);
