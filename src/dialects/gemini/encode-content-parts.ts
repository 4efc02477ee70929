import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ContentPart } from '../openai-chat/types.ts';
import type { GeminiPart } from './types.ts';

/**
 * Turns an OpenAI message `content` into Gemini parts (https://ai.google.dev/api/caching#Part).
 * Images arrive as `data:` URLs (the pipeline fetches http(s) images first, `needsImageBytes`)
 * and become `inlineData`; Cloud Storage `gs://` URIs become `fileData`, which Vertex AI reads
 * itself. `param` names the content for error messages (`messages[2].content`).
 */
export function encodeContentParts(content: string | ContentPart[] | null | undefined, param: string): GeminiPart[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  if (!Array.isArray(content)) throw invalidRequest(`${param} must be a string or an array of content parts`, param, 'invalid_type');
  const parts: GeminiPart[] = [];
  content.forEach((part, position) => {
    const encoded = encodeContentPart(part, `${param}[${position}]`);
    if (encoded !== undefined) parts.push(encoded);
  });
  return parts;
}

function encodeContentPart(part: ContentPart, param: string): GeminiPart | undefined {
  switch (part.type) {
    case 'text':
      return part.text === '' ? undefined : { text: part.text };
    case 'image_url':
      return encodeUrl(part.image_url?.url, `${param}.image_url.url`);
    case 'input_audio':
      // OpenAI names the format (`wav`, `mp3`); Gemini wants the MIME type.
      return { inlineData: { mimeType: `audio/${part.input_audio.format}`, data: part.input_audio.data } };
    case 'file':
      return encodeFile(part.file, `${param}.file`);
    default: {
      const type = (part as { type?: unknown }).type;
      throw invalidRequest(`Content part type ${JSON.stringify(type)} is not supported by Gemini models`, `${param}.type`, 'invalid_value');
    }
  }
}

function encodeFile(file: { file_data?: string; file_id?: string } | undefined, param: string): GeminiPart {
  if (typeof file?.file_data === 'string') return encodeUrl(file.file_data, `${param}.file_data`);
  // A Files API or Cloud Storage URI can stand in for an OpenAI file id; an OpenAI `file-...` id cannot.
  if (typeof file?.file_id === 'string' && /^(gs|https):\/\//.test(file.file_id)) return encodeUrl(file.file_id, `${param}.file_id`);
  throw invalidRequest('Gemini models need files as `file_data` (a data: URL) or a gs:// or Files API URI in `file_id`', param, 'invalid_value');
}

function encodeUrl(url: unknown, param: string): GeminiPart {
  if (typeof url !== 'string' || url === '') throw invalidRequest(`${param} must be a non-empty string`, param, 'invalid_type');
  if (url.startsWith('data:')) return { inlineData: parseDataUrl(url, param) };
  const mimeType = guessMimeType(url);
  // http(s) URLs only reach here when the pipeline did not fetch them; Vertex AI and the Files
  // API accept them as fileData, so they are sent on rather than refused.
  return { fileData: mimeType === undefined ? { fileUri: url } : { mimeType, fileUri: url } };
}

/** `data:image/png;base64,AAAA` → `{mimeType: 'image/png', data: 'AAAA'}` (RFC 2397). */
function parseDataUrl(url: string, param: string): { mimeType: string; data: string } {
  const comma = url.indexOf(',');
  const header = comma === -1 ? '' : url.slice('data:'.length, comma);
  const [mimeType, ...attributes] = header.split(';');
  if (comma === -1 || !attributes.includes('base64') || mimeType === '') {
    throw invalidRequest(`${param} must be a base64 data URL (data:MIME;base64,...)`, param, 'invalid_value');
  }
  return { mimeType, data: url.slice(comma + 1) };
}

const MIME_TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif',
  heic: 'image/heic', heif: 'image/heif', pdf: 'application/pdf', mp3: 'audio/mp3', wav: 'audio/wav',
  mp4: 'video/mp4', txt: 'text/plain',
};

/** Vertex AI requires `fileData.mimeType`; the extension is the only hint a URI gives. */
function guessMimeType(url: string): string | undefined {
  const path = url.split(/[?#]/)[0];
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return MIME_TYPES_BY_EXTENSION[extension];
}
