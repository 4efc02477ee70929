/**
 * Posts `{"text": ...}`, the shape Slack incoming webhooks take and most chat tools accept.
 * Anything but a 2xx is a failure, so the dispatcher retries it. The URL is never put in an error
 * message: a Slack webhook URL is itself the secret.
 */
export async function sendWebhookAlert(options: { url: string; text: string; timeoutMs: number }): Promise<void> {
  const response = await fetch(options.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: options.text }),
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  // Reading the body lets undici reuse the connection for the next alert.
  await response.arrayBuffer().catch(() => {});
  if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
}
