/** The admin key lives in session storage: it is gone when the tab closes, and never in a cookie. */
const storageKey = 'switchboard.admin-key';

export function readStoredKey(): string | null {
  return sessionStorage.getItem(storageKey);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(storageKey, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(storageKey);
}
