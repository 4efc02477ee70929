import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ContentPart } from '../openai-chat/types.ts';
import { parseBase64DataUrl } from './parse-data-url.ts';
import type { ConverseContentBlock, ConverseImageFormat } from './types.ts';

/** ImageBlock `format` (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ImageBlock.html). */
const IMAGE_FORMATS: Readonly<Record<string, ConverseImageFormat>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** DocumentBlock `format` (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_DocumentBlock.html). */
const DOCUMENT_FORMATS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

/**
 * One OpenAI content part as a Converse content block; undefined for an empty text part (Converse
 * rejects blank text blocks). `param` names the part in errors (`messages[2].content[1]`).
 */
export function encodeContentPart(part: ContentPart, param: string): ConverseContentBlock | undefined {
  switch (part.type) {
    case 'text':
      return part.text === '' ? undefined : { text: part.text };
    case 'image_url':
      return encodeImage(part.image_url?.url, `${param}.image_url.url`);
    case 'file':
      return encodeDocument(part.file, `${param}.file.file_data`);
    default:
      throw invalidRequest(`Content parts of type ${String((part as { type?: unknown }).type)} are not supported by Bedrock Converse`, `${param}.type`);
  }
}

/**
 * Converse takes image bytes only (`source.bytes`; S3 locations need the caller's bucket). The
 * pipeline fetches http(s) images and hands this dialect `data:` URLs (`needsImageBytes`), so any
 * other URL reaching here is the caller's mistake.
 */
function encodeImage(url: unknown, param: string): ConverseContentBlock {
  if (typeof url !== 'string' || !url.startsWith('data:')) {
    throw invalidRequest('Bedrock Converse needs image bytes: send a base64 data: URL or an http(s) URL the gateway can fetch', param);
  }
  const { mediaType, base64 } = parseBase64DataUrl(url, param);
  const format = IMAGE_FORMATS[mediaType];
  if (format === undefined) throw invalidRequest(`Bedrock Converse images must be PNG, JPEG, GIF or WebP, not ${mediaType}`, param);
  return { image: { format, source: { bytes: base64 } } };
}

/** OpenAI's `file.file_data` is a base64 data URL; `file_id` refers to OpenAI's own file store. */
function encodeDocument(file: { file_data?: string; filename?: string } | undefined, param: string): ConverseContentBlock {
  const fileData = file?.file_data;
  if (typeof fileData !== 'string' || !fileData.startsWith('data:')) {
    throw invalidRequest('A file part needs file.file_data as a base64 data: URL for Bedrock Converse', param);
  }
  const { mediaType, base64 } = parseBase64DataUrl(fileData, param);
  const format = DOCUMENT_FORMATS[mediaType];
  if (format === undefined) throw invalidRequest(`Bedrock Converse does not take documents of type ${mediaType}`, param);
  return { document: { format, name: documentName(file?.filename), source: { bytes: base64 } } };
}

/**
 * DocumentBlock `name` allows only letters, digits, single spaces, hyphens, parentheses and square
 * brackets: the file name without its extension, other characters replaced by hyphens.
 */
function documentName(filename: string | undefined): string {
  const stem = (filename ?? '').replace(/\.[^.]*$/, '');
  const cleaned = stem.replace(/[^A-Za-z0-9\s\-()[\]]/g, '-').replace(/\s+/g, ' ').trim();
  return cleaned === '' ? 'document' : cleaned;
}
