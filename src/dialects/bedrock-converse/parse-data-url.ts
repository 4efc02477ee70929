import { invalidRequest } from '../../errors/gateway-error.ts';

export interface Base64DataUrl {
  mediaType: string;
  /** The base64 text as sent: Converse takes blobs as base64 in JSON, so it is never decoded here. */
  base64: string;
}

/**
 * `data:image/png;base64,AAAA` → `{mediaType: 'image/png', base64: 'AAAA'}` (RFC 2397). Only base64
 * data URLs carry bytes Converse can take; `param` names the field in the 400.
 */
export function parseBase64DataUrl(url: string, param: string): Base64DataUrl {
  const comma = url.indexOf(',');
  const header = comma === -1 ? '' : url.slice('data:'.length, comma);
  if (!url.startsWith('data:') || !header.toLowerCase().endsWith(';base64')) {
    throw invalidRequest('A data: URL must be base64-encoded (data:TYPE;base64,...)', param);
  }
  const mediaType = header.slice(0, header.indexOf(';')).trim().toLowerCase();
  if (mediaType === '') throw invalidRequest('A data: URL must name its media type', param);
  return { mediaType, base64: url.slice(comma + 1) };
}
