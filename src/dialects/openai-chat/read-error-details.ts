/** What an OpenAI-compatible error payload says, whatever its shape. */
export interface UpstreamErrorDetails {
  message: string | undefined;
  type: string | undefined;
  code: string | undefined;
  param: string | undefined;
  /** A status named inside the payload (`error.status`, or an HTTP-like numeric `error.code`). */
  status: number | undefined;
}

/**
 * Reads the error shapes OpenAI-compatible hosts send, as parsed JSON:
 * - `{"error": {"message", "type", "param", "code"}}`: OpenAI, Azure, Groq, Together, Fireworks, DeepSeek,
 *   OpenRouter (numeric `code`), vLLM (https://platform.openai.com/docs/guides/error-codes);
 * - `{"error": "text"}`: Ollama (https://github.com/ollama/ollama/blob/main/docs/api.md#errors);
 * - `{"object": "error", "message": ..., "type", "code"}`: Mistral, whose `message` may itself be an
 *   object `{"detail": [...]}` of FastAPI validation issues; older vLLM;
 * - `{"detail": "text" | [{loc, msg, type}]}`: FastAPI-based servers.
 * Returns undefined when the payload has none of these shapes.
 */
export function readErrorDetails(payload: unknown): UpstreamErrorDetails | undefined {
  const root = Array.isArray(payload) ? payload[0] : payload;
  if (root === null || typeof root !== 'object') return undefined;
  const body = root as Record<string, unknown>;
  const error = body.error;
  if (error !== null && typeof error === 'object' && !Array.isArray(error)) {
    return detailsFromObject(error as Record<string, unknown>);
  }
  if (typeof error === 'string' && error !== '') {
    return { ...detailsFromObject(body), message: typeof body.message === 'string' && body.message !== '' ? body.message : error };
  }
  if (body.message !== undefined || body.detail !== undefined) return detailsFromObject(body);
  return undefined;
}

function detailsFromObject(fields: Record<string, unknown>): UpstreamErrorDetails {
  const message = describeMessage(fields.message) ?? describeMessage(fields.detail);
  const numericCode = typeof fields.code === 'number' ? fields.code : undefined;
  return {
    message,
    type: typeof fields.type === 'string' && fields.type !== '' ? fields.type : undefined,
    code: typeof fields.code === 'string' && fields.code !== '' ? fields.code : numericCode?.toString(),
    param: typeof fields.param === 'string' && fields.param !== '' ? fields.param : paramFromValidationIssues(fields),
    status: typeof fields.status === 'number' && isHttpErrorStatus(fields.status) ? fields.status
      : numericCode !== undefined && isHttpErrorStatus(numericCode) ? numericCode : undefined,
  };
}

/** Text for a `message` or `detail` value: a string, FastAPI validation issues, or a nested object. */
function describeMessage(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (Array.isArray(value)) {
    const parts = value.map(describeValidationIssue).filter((part) => part !== '');
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const nested = value as Record<string, unknown>;
    return describeMessage(nested.message) ?? describeMessage(nested.detail) ?? JSON.stringify(value);
  }
  return undefined;
}

/** `{"loc": ["body", "stream_options"], "msg": "Extra inputs are not permitted"}` → `stream_options: Extra ...`. */
function describeValidationIssue(issue: unknown): string {
  if (typeof issue === 'string') return issue;
  if (issue === null || typeof issue !== 'object') return '';
  const { loc, msg } = issue as { loc?: unknown; msg?: unknown };
  const text = typeof msg === 'string' ? msg : JSON.stringify(issue);
  const location = locationOf(loc);
  return location === undefined ? text : `${location}: ${text}`;
}

function paramFromValidationIssues(fields: Record<string, unknown>): string | undefined {
  const issues = fields.detail ?? (fields.message as { detail?: unknown } | null | undefined)?.detail;
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  const first = issues[0] as { loc?: unknown } | null;
  return first === null || typeof first !== 'object' ? undefined : locationOf(first.loc);
}

/** FastAPI locations start with where the value came from (`body`, `query`): that part is dropped. */
function locationOf(loc: unknown): string | undefined {
  if (!Array.isArray(loc)) return undefined;
  const path = loc[0] === 'body' || loc[0] === 'query' ? loc.slice(1) : loc;
  return path.length > 0 ? path.join('.') : undefined;
}

function isHttpErrorStatus(value: number): boolean {
  return Number.isInteger(value) && value >= 400 && value <= 599;
}
