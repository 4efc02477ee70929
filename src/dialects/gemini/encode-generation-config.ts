import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ChatCompletionRequest } from '../openai-chat/types.ts';
import type { GeminiGenerationConfig, GeminiThinkingConfig } from './types.ts';

/**
 * `reasoning_effort` → `thinkingConfig.thinkingBudget`, the token budgets Google's own OpenAI
 * compatibility layer uses (https://ai.google.dev/gemini-api/docs/openai#thinking): low 1K, medium 8K,
 * high 24K; `minimal` gets low's budget and `none` turns thinking off (budget 0). Gemini 3 models
 * still accept a budget in place of `thinkingLevel`.
 */
const THINKING_BUDGETS: Readonly<Record<string, number>> = { none: 0, minimal: 1024, low: 1024, medium: 8192, high: 24576 };

/**
 * OpenAI sampling parameters → Gemini `generationConfig` (https://ai.google.dev/api/generate-content#generationconfig).
 * Only what the caller set is sent. Not mapped: `logit_bias` (no Gemini counterpart) and
 * `logprobs`/`top_logprobs` (the response's logprobs are not translated back).
 */
export function encodeGenerationConfig(request: ChatCompletionRequest): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens != null) config.maxOutputTokens = maxTokens;
  if (request.temperature != null) config.temperature = request.temperature;
  if (request.top_p != null) config.topP = request.top_p;
  if (request.stop != null) config.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.seed != null) config.seed = request.seed;
  if (request.n != null) config.candidateCount = request.n;
  if (request.presence_penalty != null) config.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) config.frequencyPenalty = request.frequency_penalty;
  applyResponseFormat(request.response_format, config);
  const thinkingConfig = encodeThinkingConfig(request.reasoning_effort);
  if (thinkingConfig !== undefined) config.thinkingConfig = thinkingConfig;
  return Object.keys(config).length > 0 ? config : undefined;
}

/**
 * `json_object` → `responseMimeType: application/json`; `json_schema` adds `responseJsonSchema`,
 * which takes JSON Schema as OpenAI clients write it (`additionalProperties`, `$defs`, `$ref`),
 * unlike `responseSchema`'s OpenAPI subset
 * (https://ai.google.dev/api/generate-content#FIELDS.response_json_schema).
 */
function applyResponseFormat(format: ChatCompletionRequest['response_format'], config: GeminiGenerationConfig): void {
  if (format === undefined || format === null) return;
  switch (format.type) {
    case 'text':
      return;
    case 'json_object':
      config.responseMimeType = 'application/json';
      return;
    case 'json_schema': {
      config.responseMimeType = 'application/json';
      const schema = format.json_schema?.schema;
      if (schema !== undefined && schema !== null) config.responseJsonSchema = schema;
      return;
    }
    default:
      throw invalidRequest(`response_format.type ${JSON.stringify((format as { type?: unknown }).type)} is not supported`, 'response_format.type', 'invalid_value');
  }
}

function encodeThinkingConfig(effort: unknown): GeminiThinkingConfig | undefined {
  if (effort === undefined || effort === null) return undefined;
  const budget = typeof effort === 'string' ? THINKING_BUDGETS[effort] : undefined;
  if (budget === undefined) {
    throw invalidRequest('reasoning_effort must be one of "none", "minimal", "low", "medium", "high"', 'reasoning_effort', 'invalid_value');
  }
  // Thought summaries are asked for so they come back as `reasoning_content`.
  return budget === 0 ? { thinkingBudget: 0 } : { thinkingBudget: budget, includeThoughts: true };
}
