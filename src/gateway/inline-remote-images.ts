import type { ChatCompletionRequest, ChatMessage, ContentPart } from '../dialects/openai-chat/types.ts';
import { Agent, fetch, type Response } from 'undici';
import { GatewayError } from '../errors/gateway-error.ts';
import { guardedLookup } from '../governance/guarded-lookup.ts';
import { isPrivateAddress } from '../governance/private-address.ts';

const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 5;

/**
 * Image URLs come from callers, so fetching them must not reach this host's private network or
 * a cloud metadata endpoint (SSRF). Every connection resolves through `guardedLookup`, and IP
 * literals and redirect targets are checked too. `allow_private_image_urls: true` turns the
 * check off (an image host on a private network; the tests' 127.0.0.1 servers). One setting per
 * process, set by startGateway from the config.
 */
let allowPrivateAddresses = false;
const guardedAgent = new Agent({ connect: { lookup: guardedLookup } });
const openAgent = new Agent();

export function setAllowPrivateImageUrls(allow: boolean): void {
  allowPrivateAddresses = allow;
}

/**
 * Hosts that cannot fetch image URLs themselves (Gemini API, Bedrock) get the bytes: http(s)
 * images are downloaded (bounded in size and time) and replaced by `data:` URLs before the dialect
 * encodes the request. The caller's request is not modified; a request without remote images is
 * returned as is.
 */
export async function inlineRemoteImages(request: ChatCompletionRequest, signal: AbortSignal): Promise<ChatCompletionRequest> {
  if (!request.messages.some(hasRemoteImage)) return request;
  const messages = await Promise.all(request.messages.map(async (message) => {
    if (!hasRemoteImage(message)) return message;
    const content = await Promise.all((message.content as ContentPart[]).map(async (part) => {
      if (part.type !== 'image_url' || !isRemote(part.image_url.url)) return part;
      return { ...part, image_url: { ...part.image_url, url: await downloadAsDataUrl(part.image_url.url, signal) } };
    }));
    return { ...message, content };
  }));
  return { ...request, messages };
}

function hasRemoteImage(message: ChatMessage): boolean {
  return Array.isArray(message.content) && message.content.some((part) => part.type === 'image_url' && isRemote(part.image_url?.url));
}

function isRemote(url: unknown): url is string {
  return typeof url === 'string' && (url.startsWith('https://') || url.startsWith('http://'));
}

async function downloadAsDataUrl(url: string, signal: AbortSignal): Promise<string> {
  const failure = (reason: string) => new GatewayError({ status: 400, message: `Could not fetch the image at ${new URL(url).origin}: ${reason}`, param: 'messages', code: 'invalid_image_url' });
  let response: Response;
  try {
    response = await fetchFollowingRedirects(url, AbortSignal.any([signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]));
  } catch (error) {
    throw failure(describeFetchError(error));
  }
  if (!response.ok) throw failure(`HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_IMAGE_BYTES) throw failure('larger than 20 MB');
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_IMAGE_BYTES) throw failure('larger than 20 MB');
  const mediaType = (response.headers.get('content-type') ?? 'application/octet-stream').split(';')[0].trim();
  if (!mediaType.startsWith('image/')) throw failure(`not an image (${mediaType})`);
  return `data:${mediaType};base64,${bytes.toString('base64')}`;
}

async function fetchFollowingRedirects(url: string, signal: AbortSignal): Promise<Response> {
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new Error('redirected to a non-HTTP URL');
    // A literal IP never goes through a DNS lookup, so it is checked here.
    if (!allowPrivateAddresses && isPrivateAddress(current.hostname)) throw new Error('private, loopback or link-local addresses are not fetched');
    const response = await fetch(current, { signal, redirect: 'manual', dispatcher: allowPrivateAddresses ? openAgent : guardedAgent });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) return response;
    await response.body?.cancel();
    if (hop >= MAX_REDIRECTS) throw new Error('too many redirects');
    current = new URL(location, current);
  }
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return 'unreachable';
  // undici wraps the connect error (our lookup's refusal) as the cause of "fetch failed".
  const cause = error.cause instanceof Error ? error.cause : undefined;
  if (cause !== undefined && (cause as NodeJS.ErrnoException).code === 'EPRIVATEADDRESS') return 'private, loopback or link-local addresses are not fetched';
  return error.message;
}
