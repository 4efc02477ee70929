const MASK = '********';

/**
 * A URL with its password hidden (`smtp://user:********@host:587`). The user name stays visible so
 * an operator can tell which account is configured; the password is what must never leave the
 * gateway. The same input always gives the same output, which lets a client send a masked value
 * back unchanged (GET, edit another field, PATCH) without wiping the real password.
 */
export function maskUrlCredentials(text: string): string {
  if (!URL.canParse(text)) return text;
  const url = new URL(text);
  if (url.password === '') return text;
  url.password = MASK;
  return url.toString();
}
