/** A management API error: `{"detail", "errors": {field: [messages]}}` (contract §8). */
export class ApiError extends Error {
  readonly status: number;
  readonly fieldErrors: Record<string, string[]>;

  constructor(options: { status: number; detail: string; fieldErrors?: Record<string, string[]> }) {
    super(options.detail);
    this.name = 'ApiError';
    this.status = options.status;
    this.fieldErrors = options.fieldErrors ?? {};
  }

  /** Messages for a field and its sub-fields (`limits` also gets `limits.0.block_at`). */
  messagesFor(field: string): string[] {
    return Object.entries(this.fieldErrors)
      .filter(([name]) => name === field || name.startsWith(`${field}.`) || name.startsWith(`${field}[`))
      .flatMap(([, messages]) => messages);
  }
}

export async function readApiError(response: Response): Promise<ApiError> {
  const text = await response.text();
  let detail = `${response.status} ${response.statusText}`.trim();
  let fieldErrors: Record<string, string[]> | undefined;
  try {
    const body = JSON.parse(text) as { detail?: unknown; errors?: unknown; error?: { message?: unknown } };
    if (typeof body.detail === 'string') detail = body.detail;
    else if (typeof body.error?.message === 'string') detail = body.error.message;
    if (typeof body.errors === 'object' && body.errors !== null) fieldErrors = body.errors as Record<string, string[]>;
  } catch {
    if (text !== '') detail = text.slice(0, 300);
  }
  return new ApiError({ status: response.status, detail, fieldErrors });
}
