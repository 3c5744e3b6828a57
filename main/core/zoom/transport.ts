// One HTTP exchange with Zoom: fetch with a time-out, a capped body read, and transport
// failures turned into ZoomApiErrors. No retries and no interpretation of Zoom's answer here.
import { ZoomApiError } from './errors';

export interface HttpRequest {
  method: string;
  url: string;
  token: string;
  body?: string;
  timeoutMs: number;
  maxBodyBytes: number;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  bodyText: string;
}

// Connection failures where the request cannot have reached Zoom, so even a create may be resent.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function causeCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'TimeoutError' || causeCode(error) === 'UND_ERR_HEADERS_TIMEOUT')
  );
}

export function transportError(error: unknown): ZoomApiError {
  if (error instanceof ZoomApiError) return error;
  if (isTimeout(error)) {
    return new ZoomApiError({
      kind: 'zoom-unavailable',
      reason: 'timeout',
      message: 'Zoom did not answer in time. Please try again in a moment.',
    });
  }
  const code = causeCode(error);
  return new ZoomApiError({
    kind: 'zoom-unavailable',
    reason: 'network',
    notSent: code !== undefined && NOT_SENT_CODES.has(code),
    message: 'The companion could not reach Zoom. Please check the internet connection and try again.',
  });
}

const tooLarge = () =>
  new ZoomApiError({
    kind: 'zoom-unavailable',
    reason: 'response-too-large',
    message: 'Zoom gave an answer the companion could not read. Please try again in a few minutes.',
  });

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function exchange(req: HttpRequest): Promise<HttpAnswer> {
  try {
    const headers: Record<string, string> = {
      authorization: `Bearer ${req.token}`,
      accept: 'application/json',
    };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(req.url, {
      method: req.method,
      headers,
      body: req.body,
      // A redirect would carry the bearer token elsewhere; Zoom's API never redirects.
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const bodyText = await readCapped(response, req.maxBodyBytes);
    return { status: response.status, headers: response.headers, bodyText };
  } catch (error) {
    throw transportError(error);
  }
}
