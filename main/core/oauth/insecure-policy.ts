// oauth4webapi refuses plain http by default. The Zoom sandbox runs on http://127.0.0.1, so http is
// allowed for loopback IP literals only ('localhost' can be re-pointed by a hosts file), never for Zoom.

const isLoopbackHost = (hostname: string): boolean =>
  hostname === '[::1]' || /^127(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(hostname);

/** True only for an http:// URL on a loopback IP literal, the one case that may skip TLS. */
export function allowsInsecureRequests(baseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' && isLoopbackHost(url.hostname) && url.username === '' && url.password === ''
  );
}

/** Base URLs the app will talk to at all: https anywhere, or http on loopback. */
export function isAcceptableBaseUrl(baseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return false;
  return url.protocol === 'https:' || allowsInsecureRequests(baseUrl);
}
