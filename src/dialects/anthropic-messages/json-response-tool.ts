/**
 * JSON schema output for Claude models that predate structured outputs (before 4.5): the schema
 * becomes a tool the model is asked to call, and that call's input is the answer. This is the
 * approach Anthropic documents for JSON output with tools
 * (https://docs.anthropic.com/en/docs/build-with-claude/tool-use#json-mode).
 *
 * Decoding sees only the response, not the request, so the tool is recognised by a reserved name
 * prefix: its `tool_use` block becomes message content, never a tool call the client did not define.
 */
const JSON_RESPONSE_TOOL_PREFIX = 'json_response__';

/** Anthropic tool names are at most 64 characters of `[a-zA-Z0-9_-]`. */
const TOOL_NAME_LIMIT = 64;

export function jsonResponseToolName(schemaName: string): string {
  const safeName = schemaName.replace(/[^a-zA-Z0-9_-]/g, '_');
  return `${JSON_RESPONSE_TOOL_PREFIX}${safeName}`.slice(0, TOOL_NAME_LIMIT);
}

export function isJsonResponseTool(toolName: unknown): boolean {
  return typeof toolName === 'string' && toolName.startsWith(JSON_RESPONSE_TOOL_PREFIX);
}
