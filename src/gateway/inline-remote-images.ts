import type { ChatCompletionRequest, ChatMessage, ContentPart } from '../dialects/openai-chat/types.ts';
import { GatewayError } from '../errors/gateway-error.ts';

const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

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
    response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]), redirect: 'follow' });
  } catch (error) {
    throw failure(error instanceof Error ? error.message : 'unreachable');
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
