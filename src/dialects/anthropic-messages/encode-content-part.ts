import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ContentPart } from '../openai-chat/types.ts';
import type {
  AnthropicCacheControl, AnthropicDocumentBlock, AnthropicImageBlock, AnthropicMediaSource, AnthropicTextBlock,
} from './types.ts';

export type AnthropicPartBlock = AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock;

/**
 * One OpenAI content part as an Anthropic block. `cache_control`, which OpenAI has no place for, is
 * accepted on any part and carried over (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching).
 * Returns undefined for an empty text part: Anthropic rejects empty text blocks.
 * `param` names the part in errors (`messages[2].content[1]`).
 */
export function encodeContentPart(part: ContentPart, param: string): AnthropicPartBlock | undefined {
  const block = blockFor(part, param);
  const cacheControl = (part as { cache_control?: AnthropicCacheControl }).cache_control;
  if (block !== undefined && cacheControl != null) block.cache_control = cacheControl;
  return block;
}

function blockFor(part: ContentPart, param: string): AnthropicPartBlock | undefined {
  switch (part.type) {
    case 'text':
      return part.text === '' ? undefined : { type: 'text', text: part.text };
    case 'image_url':
      return { type: 'image', source: imageSource(part.image_url?.url, `${param}.image_url.url`) };
    case 'file':
      return { type: 'document', source: documentSource(part.file?.file_data, `${param}.file.file_data`) };
    default:
      throw invalidRequest(`Content parts of type ${String((part as { type?: unknown }).type)} are not supported by Anthropic models`, `${param}.type`);
  }
}

/** Images: an http(s) URL Anthropic fetches itself, or a base64 `data:` URL. */
function imageSource(url: unknown, param: string): AnthropicMediaSource {
  if (typeof url !== 'string') throw invalidRequest('An image part needs image_url.url', param);
  if (url.startsWith('https://') || url.startsWith('http://')) return { type: 'url', url };
  if (url.startsWith('data:')) return base64Source(url, param);
  throw invalidRequest('An image URL must be http(s) or a base64 data: URL', param);
}

/** Documents (PDF): OpenAI's `file.file_data` is a base64 data URL; file ids are OpenAI's own store. */
function documentSource(fileData: unknown, param: string): AnthropicMediaSource {
  if (typeof fileData !== 'string' || !fileData.startsWith('data:')) {
    throw invalidRequest('A file part needs file.file_data as a base64 data: URL for Anthropic models', param);
  }
  return base64Source(fileData, param);
}

/** `data:image/png;base64,AAAA` → `{type: 'base64', media_type: 'image/png', data: 'AAAA'}` (RFC 2397). */
function base64Source(dataUrl: string, param: string): AnthropicMediaSource {
  const comma = dataUrl.indexOf(',');
  const header = comma === -1 ? '' : dataUrl.slice(5, comma);
  if (!header.endsWith(';base64')) throw invalidRequest('A data: URL must be base64-encoded (data:TYPE;base64,...)', param);
  const mediaType = header.slice(0, header.indexOf(';'));
  if (mediaType === '') throw invalidRequest('A data: URL must name its media type', param);
  return { type: 'base64', media_type: mediaType, data: dataUrl.slice(comma + 1) };
}
