/** What a Claude model accepts, where Anthropic's request shape differs between generations. */
export interface ClaudeCapabilities {
  /**
   * `output_config.format` (JSON outputs) and `strict` tools: generally available from Claude
   * Sonnet 4.5 / Opus 4.5 / Haiku 4.5 on (https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs).
   */
  structuredOutputs: boolean;
  /**
   * `thinking: {type: "adaptive"}` with `output_config.effort`: from Claude Opus 4.6 / Sonnet 4.6 on;
   * Opus 4.7 and later reject `thinking.type: "enabled"` with `budget_tokens` (400), and 4.6 deprecates it
   * (https://docs.anthropic.com/en/docs/build-with-claude/adaptive-thinking).
   */
  adaptiveThinking: boolean;
}

/**
 * The generation in a Claude model id, wherever the host puts it: `claude-sonnet-4-5-20250929`,
 * `claude-3-5-sonnet-20240620`, Vertex `claude-sonnet-4@20250514`, Bedrock
 * `us.anthropic.claude-opus-4-6-v1`. The minor version is one digit not followed by another, so a
 * date (`-20250514`) is not read as one.
 */
const CLAUDE_VERSION = /claude-(?:[a-z]+-)?(\d+)(?:[-.](\d)(?!\d))?/;

const NEWEST: ClaudeCapabilities = Object.freeze({ structuredOutputs: true, adaptiveThinking: true });

/**
 * Reads capabilities from the model id. An id without a readable version (an inference-profile ARN,
 * `claude-mythos-preview`) is taken to be a current model: new models keep the current request shape.
 */
export function readClaudeCapabilities(upstreamModel: string): ClaudeCapabilities {
  const match = CLAUDE_VERSION.exec(upstreamModel);
  if (match === null) return NEWEST;
  const version = Number(match[1]) + Number(match[2] ?? 0) / 10;
  return { structuredOutputs: version >= 4.5, adaptiveThinking: version >= 4.6 };
}
