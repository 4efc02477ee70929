import { computeCost } from '../catalog/compute-cost.ts';
import type { ChatUsage } from '../dialects/openai-chat/types.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { UpstreamError } from '../errors/upstream-error.ts';
import type { LogAttempt, LogRecord, LogType } from '../logging/log-record.ts';
import { NO_USAGE, readTokenUsage, type TokenUsage } from '../logging/token-usage.ts';
import type { Admission } from '../limits/limit-enforcer.ts';
import type { ResolvedModel } from '../routing/resolve-model.ts';
import { redactorFor } from '../governance/create-redactor.ts';
import type { GatewayParams } from './gateway-params.ts';
import type { GatewayServices } from './gateway-services.ts';
import { customerOf, headerValue, type RequestContext } from './request-context.ts';

export interface AttemptHandle {
  readonly resolved: ResolvedModel;
  readonly deploymentName: string | null;
  readonly startedAt: number;
  readonly startTime: string;
}

/**
 * Collects what one request did (model, attempts, usage, content) and turns it into exactly one
 * log record when the request ends, successful or not. Building the record and its cost happens
 * after the response has been handed to the client (design §4).
 */
export class RequestLog {
  readonly #services: GatewayServices;
  readonly #context: RequestContext;
  readonly #logType: LogType;
  #params: GatewayParams = {};
  #model = '';
  #resolved: ResolvedModel | undefined;
  #deploymentName: string | null = null;
  #stream = false;
  #prompt: unknown;
  #completion: unknown;
  #usage: TokenUsage = NO_USAGE;
  #responseModel: string | undefined;
  #firstTokenAt: number | undefined;
  #attempts: LogAttempt[] = [];
  #written = false;
  #admission: Admission | undefined;
  #cacheHit = false;
  #usageEstimated = false;
  #promptVersion: { promptId: string; version: number } | undefined;
  #cachedProviderId: string | undefined;
  #omitted = false;

  constructor(services: GatewayServices, context: RequestContext, logType: LogType) {
    this.#services = services;
    this.#context = context;
    this.#logType = logType;
  }

  get logId(): string {
    return this.#context.logId;
  }

  /** Response headers that name this request and its log (contract §4). */
  headers(): Record<string, string> {
    if (this.#omitted) return { 'x-respan-gateway-request-id': this.#context.requestId, 'x-respan-cache': 'hit' };
    const headers: Record<string, string> = { 'x-respan-log-id': this.#context.logId, 'x-respan-gateway-request-id': this.#context.requestId };
    if (this.#cacheHit) headers['x-respan-cache'] = 'hit';
    return headers;
  }

  setRequest(options: { params: GatewayParams; model: string; stream: boolean; prompt: unknown }): void {
    this.#params = options.params;
    this.#model = options.model;
    this.#stream = options.stream;
    this.#prompt = options.prompt;
  }

  /**
   * Served from the response cache: the log shows the cached answer's tokens at cost 0 (nothing
   * was spent), and with `omit_log` no log is written at all.
   */
  markCacheHit(options: { omitLog: boolean; model?: string; providerId?: string }): void {
    this.#cacheHit = true;
    this.#omitted = options.omitLog;
    if (options.model !== undefined) this.#model = options.model;
    this.#cachedProviderId = options.providerId;
  }

  /** The limits this request holds: settled to its real usage, or released, when it ends. */
  holdAdmission(admission: Admission | undefined): void {
    this.#admission = admission;
  }

  /** The managed prompt (and version) the request was rendered from. */
  setPromptVersion(promptVersion: { promptId: string; version: number }): void {
    this.#promptVersion = promptVersion;
  }

  /** The request content as logged, when it is only known once the serving path is chosen. */
  setPrompt(prompt: unknown): void {
    this.#prompt = prompt;
  }

  startAttempt(resolved: ResolvedModel, deploymentName: string | null = null): AttemptHandle {
    this.#resolved = resolved;
    this.#deploymentName = deploymentName;
    return { resolved, deploymentName, startedAt: performance.now(), startTime: new Date().toISOString() };
  }

  endAttempt(attempt: AttemptHandle, error?: unknown): void {
    const failure = error === undefined ? undefined : asGatewayError(error);
    if (failure instanceof UpstreamError) this.#services.metrics.upstreamErrors.inc({ provider: attempt.resolved.provider.id, kind: failure.kind });
    this.#attempts.push({
      model: attempt.resolved.modelName,
      provider_id: attempt.resolved.provider.id,
      deployment_name: attempt.deploymentName,
      status: failure === undefined ? 'success' : 'error',
      status_code: failure === undefined ? 200 : failure.status,
      error_message: failure === undefined ? null : failure.message,
      latency: (performance.now() - attempt.startedAt) / 1000,
      start_time: attempt.startTime,
    });
  }

  markFirstToken(): void {
    this.#firstTokenAt ??= performance.now();
  }

  setResult(options: { usage: ChatUsage | null | undefined; completion: unknown; responseModel?: string; usageEstimated?: boolean }): void {
    this.#usage = readTokenUsage(options.usage);
    this.#usageEstimated = options.usageEstimated === true;
    this.#completion = options.completion;
    this.#responseModel = options.responseModel;
  }

  /** Writes the success record. */
  succeed(): void {
    this.#write(200, null);
  }

  /** Writes the error record and returns the error with this request's headers attached. */
  fail(error: unknown): GatewayError {
    const failure = asGatewayError(error);
    Object.assign(failure.headers, this.headers());
    this.#write(failure.status, failure.message);
    return failure;
  }

  /**
   * A failure after the response started (a stream cut, a client gone): the attempt that served
   * it counted as a success when its first content arrived; it is now marked with the error.
   */
  failAfterStart(error: unknown): GatewayError {
    const failure = asGatewayError(error);
    const last = this.#attempts.at(-1);
    if (last !== undefined) {
      last.status = 'error';
      last.status_code = failure.status;
      last.error_message = failure.message;
    }
    return this.fail(failure);
  }

  #write(statusCode: number, errorMessage: string | null): void {
    if (this.#written) return;
    this.#written = true;
    if (this.#omitted) return;
    const now = performance.now();
    const resolved = this.#resolved;
    const params = this.#params;
    const customer = customerOf(params);
    const keepContent = params.disable_log !== true;
    const record: LogRecord = {
      unique_id: this.#context.logId,
      timestamp: this.#context.timestamp,
      // A client that sends its trace and parent span gets this request as a span of its trace (§14).
      trace_unique_id: stringOrNull(params.trace_unique_id) ?? this.#context.requestId,
      api_key: this.#context.auth.keyName,
      model: resolved?.modelName ?? this.#model,
      provider_id: resolved?.provider.id ?? this.#cachedProviderId ?? null,
      deployment_name: this.#deploymentName,
      status: errorMessage === null ? 'success' : 'error',
      status_code: statusCode,
      error_message: errorMessage,
      stream: this.#stream,
      cache_hit: this.#cacheHit,
      latency: (now - this.#context.receivedAt) / 1000,
      time_to_first_token: this.#firstTokenAt === undefined ? null : (this.#firstTokenAt - this.#context.receivedAt) / 1000,
      ...this.#usage,
      cost: this.#cacheHit ? 0 : this.#cost(),
      cost_estimated: this.#usageEstimated,
      customer_identifier: customer.identifier,
      customer_name: customer.name,
      customer_email: customer.email,
      thread_identifier: stringOrNull(params.thread_identifier),
      custom_identifier: stringOrNull(params.custom_identifier),
      metadata: params.metadata ?? null,
      fallback: this.#attempts.length,
      log_type: this.#logType,
      attempts: this.#attempts,
    };
    const spanParentId = stringOrNull(params.span_parent_id);
    if (spanParentId !== null) record.span_parent_id = spanParentId;
    const spanName = stringOrNull(params.span_name);
    if (spanName !== null) record.span_name = spanName;
    if (this.#promptVersion !== undefined) {
      record.prompt_id = this.#promptVersion.promptId;
      record.prompt_version_number = this.#promptVersion.version;
    }
    if (keepContent) {
      // Only the stored copy is masked: the model and the client already had the original (§14).
      const redact = redactorFor(this.#services.config.redaction);
      record.prompt_messages = redact(this.#prompt);
      if (this.#completion !== undefined) record.completion_message = redact(this.#completion);
    }
    if (params.eval_params !== undefined && params.eval_params !== null) this.#services.requestedEvaluations.set(record.unique_id, params.eval_params);
    this.#services.logs.enqueue(record);
    // Optional OpenTelemetry export (issue 11), continuing the client's W3C trace when it sent one.
    this.#services.telemetry?.record(record, headerValue(this.#context, 'traceparent'));
    if (this.#admission !== undefined) {
      // A request that consumed tokens counts even if it failed later (a cut stream); one that
      // never reached a model frees its slot (issue 9).
      if (record.total_tokens > 0 || record.status === 'success') void this.#admission.settle({ tokens: record.total_tokens, cost: record.cost });
      else void this.#admission.release();
    }
  }

  #cost(): number {
    const resolved = this.#resolved;
    if (resolved === undefined || this.#usage.total_tokens === 0) return 0;
    const usage = this.#usage;
    const priced = computeCost({ entry: resolved.pricing, pricingProviderId: resolved.provider.pricingProviderId, model: resolved.modelName, usage });
    if (priced > 0 || this.#responseModel === undefined || this.#responseModel === resolved.modelName) return priced;
    // Hosts addressed by deployment name (Azure) report the real model in the response.
    return computeCost({ pricingProviderId: resolved.provider.pricingProviderId, model: this.#responseModel, usage });
  }
}

function asGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError({ status: 500, message: 'Internal gateway error', code: 'internal_error', cause: error });
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}
