import { z } from 'zod';
import type { PricedUsage } from '../catalog/price-token-usage.ts';
import { applicationLogTypes, type LogRecord } from './log-record.ts';

/**
 * A log or span an application sends to POST /api/request-logs/ (contract §14), in Respan's async
 * logging shape. Fields the gateway does not store are accepted and ignored, so SDK payloads with
 * extras are not refused; the fields it stores are checked and named when wrong.
 */

const tokenCount = z.number().int().min(0);
const identifier = z.string().trim().min(1).max(500);
const timestampText = z.union([z.iso.datetime({ offset: true }), z.number().nonnegative()]);

const usageSchema = z.object({
  prompt_tokens: tokenCount.optional(),
  completion_tokens: tokenCount.optional(),
  total_tokens: tokenCount.optional(),
  // Anthropic's names, which some SDKs forward unchanged.
  input_tokens: tokenCount.optional(),
  output_tokens: tokenCount.optional(),
  prompt_tokens_details: z.object({ cached_tokens: tokenCount.optional() }).loose().nullable().optional(),
  completion_tokens_details: z.object({ reasoning_tokens: tokenCount.optional() }).loose().nullable().optional(),
}).loose();

export const ingestedLogSchema = z.object({
  log_type: z.enum(['chat', 'response', 'embedding', 'passthrough', ...applicationLogTypes]).default('chat'),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  prompt_messages: z.unknown().optional(),
  completion_message: z.unknown().optional(),
  model: z.string().max(500).optional(),
  provider_id: z.string().max(200).nullable().optional(),
  prompt_tokens: tokenCount.optional(),
  completion_tokens: tokenCount.optional(),
  total_tokens: tokenCount.optional(),
  usage: usageSchema.nullable().optional(),
  cost: z.number().nonnegative().optional(),
  latency: z.number().nonnegative().default(0),
  time_to_first_token: z.number().nonnegative().nullable().optional(),
  timestamp: timestampText.optional(),
  start_time: timestampText.optional(),
  status_code: z.number().int().min(100).max(599).default(200),
  error_message: z.string().nullable().optional(),
  stream: z.boolean().default(false),
  trace_unique_id: identifier.optional(),
  span_unique_id: identifier.optional(),
  span_parent_id: identifier.nullable().optional(),
  span_name: z.string().max(500).optional(),
  customer_identifier: z.union([identifier, z.number()]).optional(),
  customer_params: z.object({ customer_identifier: z.union([identifier, z.number()]).optional(), name: z.string().optional(), email: z.string().optional() }).loose().optional(),
  thread_identifier: z.string().max(500).optional(),
  custom_identifier: z.string().max(500).optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
}).loose();

export type IngestedLog = z.infer<typeof ingestedLogSchema>;

/** Token counts from either the top-level fields or the `usage` object (top level wins). */
export function ingestedUsage(log: IngestedLog): Required<Pick<PricedUsage, 'prompt_tokens' | 'completion_tokens'>> & { total_tokens: number; cached_tokens: number; reasoning_tokens: number } {
  const usage = log.usage ?? {};
  const promptTokens = log.prompt_tokens ?? usage.prompt_tokens ?? usage.input_tokens ?? 0;
  const completionTokens = log.completion_tokens ?? usage.completion_tokens ?? usage.output_tokens ?? 0;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: log.total_tokens ?? usage.total_tokens ?? promptTokens + completionTokens,
    cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

/**
 * The stored record. The log's time is its `timestamp` (Respan's field; retention uses it too),
 * else `start_time`, else now. A span without its own id is identified by the log id, and one
 * without a trace starts a trace of its own.
 */
export function ingestedLogRecord(log: IngestedLog, context: { uniqueId: string; apiKeyName: string | null; receivedAt: Date; cost: number }): LogRecord {
  const usage = ingestedUsage(log);
  const spanUniqueId = log.span_unique_id ?? context.uniqueId;
  const customerIdentifier = log.customer_identifier ?? log.customer_params?.customer_identifier;
  const failed = log.status_code >= 400 || (log.error_message !== undefined && log.error_message !== null && log.error_message !== '');
  const record: LogRecord = {
    unique_id: context.uniqueId,
    timestamp: isoTimestamp(log.timestamp ?? log.start_time) ?? context.receivedAt.toISOString(),
    trace_unique_id: log.trace_unique_id ?? spanUniqueId,
    api_key: context.apiKeyName,
    model: log.model ?? '',
    provider_id: log.provider_id ?? null,
    deployment_name: null,
    status: failed ? 'error' : 'success',
    status_code: log.status_code,
    error_message: log.error_message ?? null,
    stream: log.stream,
    cache_hit: false,
    latency: log.latency,
    time_to_first_token: log.time_to_first_token ?? null,
    prompt_tokens: usage.prompt_tokens,
    completion_tokens: usage.completion_tokens,
    total_tokens: usage.total_tokens,
    cached_tokens: usage.cached_tokens,
    cache_creation_tokens: 0,
    reasoning_tokens: usage.reasoning_tokens,
    cost: context.cost,
    cost_estimated: false,
    customer_identifier: customerIdentifier === undefined ? null : String(customerIdentifier),
    customer_name: log.customer_params?.name ?? null,
    customer_email: log.customer_params?.email ?? null,
    thread_identifier: log.thread_identifier ?? null,
    custom_identifier: log.custom_identifier ?? null,
    metadata: log.metadata ?? null,
    // Nothing was called upstream by the gateway: an application's log has no attempts.
    fallback: 0,
    log_type: log.log_type,
    attempts: [],
    span_unique_id: spanUniqueId,
    span_parent_id: log.span_parent_id ?? null,
    span_name: log.span_name ?? null,
  };
  const prompt = log.prompt_messages ?? log.input;
  const completion = log.completion_message ?? log.output;
  if (prompt !== undefined) record.prompt_messages = prompt;
  if (completion !== undefined) record.completion_message = completion;
  return record;
}

/** ISO text or an epoch number: seconds (Respan's SDKs), or milliseconds when too large to be seconds. */
function isoTimestamp(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const milliseconds = typeof value === 'number' ? (value > 1e11 ? value : value * 1000) : Date.parse(value);
  return Number.isFinite(milliseconds) ? new Date(milliseconds).toISOString() : undefined;
}
