/**
 * A configured base URL in the form paths are appended to: trimmed, without trailing slashes
 * (`https://api.groq.com/openai/v1/` and `https://api.groq.com/openai/v1` name the same endpoint).
 */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}
