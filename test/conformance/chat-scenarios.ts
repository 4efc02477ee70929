import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { fetchLog, type TestGateway } from '../support/test-gateway.ts';
import { PIXEL_PNG_BASE64, type PngServer } from './png-server.ts';
import type { RecordedUpstreamRequest, RunningUpstream } from './conformance-upstreams.ts';
import type { ExpectedUsage, ProviderSetup } from './provider-setups.ts';

/**
 * The chat conformance scenarios. Each runs unchanged against every provider setup: it drives the
 * gateway with the official OpenAI SDK, checks the OpenAI-shaped answer, what the upstream received
 * (through the setup's native-format reader) and the request's log.
 */

export interface ScenarioContext {
  setup: ProviderSetup;
  upstream: RunningUpstream;
  gateway: TestGateway;
  client: OpenAI;
  images: PngServer;
  /** Upstream calls made since the scenario started, or since the last time this was asked. */
  newRequests(): RecordedUpstreamRequest[];
}

export interface ChatScenario {
  name: string;
  run(context: ScenarioContext): Promise<void>;
}

type Usage = NonNullable<OpenAI.Chat.Completions.ChatCompletion['usage']>;

const tools: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather in a place',
      parameters: { type: 'object', properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['location'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'get_time',
      description: 'Current time in a time zone',
      parameters: { type: 'object', properties: { timezone: { type: 'string' } }, required: ['timezone'] },
    },
  },
];
const toolNames = tools.map((tool) => (tool as { function: { name: string } }).function.name);

const weatherSchema = {
  type: 'object',
  properties: { city: { type: 'string' }, temperature_c: { type: 'number' }, conditions: { type: 'string' } },
  required: ['city', 'temperature_c', 'conditions'],
  additionalProperties: false,
};

/**
 * A tool call names a function. The mocks replay documented answers, whose function names need not be
 * the ones offered here; what must never show is the gateway's own JSON-answer tool.
 */
function assertToolName(name: string): void {
  assert.ok(name.length > 0, 'a function name');
  assert.ok(!name.startsWith('json_response__'), `${name} is not an internal tool`);
}

/** Gateway parameter: no retries, so a scripted failure is the answer. */
const noRetries = { retry_params: { retry_enabled: false } };

/** The one upstream call a scenario made: on this provider's path, with its authentication. */
function singleUpstreamCall(context: ScenarioContext, stream: boolean): RecordedUpstreamRequest {
  const calls = context.newRequests();
  assert.equal(calls.length, 1, `one upstream call, got ${calls.map((call) => call.path).join(', ')}`);
  assert.equal(calls[0].path, context.setup.chatPath(stream), 'the upstream path');
  assert.ok(context.setup.authorized(calls[0]), 'the upstream call carries the provider credentials');
  assert.equal(calls[0].body.model, context.setup.bodyModel, 'the model the body names, if the format names it there');
  for (const param of ['retry_params', 'respan_params', 'customer_identifier']) assert.ok(!(param in calls[0].body), `gateway parameter ${param} is not forwarded`);
  return calls[0];
}

function assertUsageShape(usage: Usage | null | undefined): Usage {
  assert.ok(usage, 'usage is reported');
  assert.ok(usage.prompt_tokens > 0, 'prompt_tokens > 0');
  assert.ok(usage.completion_tokens > 0, 'completion_tokens > 0');
  assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens, 'total = prompt + completion');
  return usage;
}

/** The request's log: served by this provider, with the tokens the client saw and a cost. */
async function assertLog(context: ScenarioContext, logId: string | null, expected: { usage: Usage; stream: boolean }): Promise<Record<string, unknown>> {
  assert.ok(logId, 'the response names its log (x-respan-log-id)');
  const log = await fetchLog(context.gateway, logId);
  assert.equal(log.status, 'success');
  assert.equal(log.provider_id, context.setup.providerId);
  assert.equal(log.stream, expected.stream);
  assert.equal(log.prompt_tokens, expected.usage.prompt_tokens, 'logged prompt_tokens');
  assert.equal(log.completion_tokens, expected.usage.completion_tokens, 'logged completion_tokens');
  assert.equal(log.total_tokens, expected.usage.total_tokens, 'logged total_tokens');
  assert.equal(log.cached_tokens, expected.usage.prompt_tokens_details?.cached_tokens ?? 0, 'logged cached_tokens');
  assert.equal(log.cache_creation_tokens, cacheCreationTokens(expected.usage), 'logged cache_creation_tokens');
  assert.ok(typeof log.cost === 'number' && log.cost > 0, `a priced model has a cost (got ${String(log.cost)})`);
  return log;
}

/** Cache writes travel as the pivot's `prompt_tokens_details.cache_creation_tokens` extension. */
function cacheCreationTokens(usage: Usage): number {
  return (usage.prompt_tokens_details as { cache_creation_tokens?: number } | undefined)?.cache_creation_tokens ?? 0;
}

interface CollectedStream {
  chunks: ChatCompletionChunk[];
  text: string;
  finishReasons: string[];
  usage: Usage | undefined;
  logId: string | null;
}

async function collectStream(context: ScenarioContext, body: Record<string, unknown>): Promise<CollectedStream> {
  const { data: stream, response } = await context.client.chat.completions
    .create({ model: context.setup.chatModel, messages: [], ...body, stream: true } as OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming)
    .withResponse();
  const collected: CollectedStream = { chunks: [], text: '', finishReasons: [], usage: undefined, logId: response.headers.get('x-respan-log-id') };
  for await (const chunk of stream) {
    // Azure opens with a chunk of its own (`object: ""`, `prompt_filter_results`) that carries neither
    // a choice nor usage and passes through as sent; every chunk that carries either is OpenAI's.
    if (chunk.choices.length > 0 || chunk.usage) assert.equal(chunk.object, 'chat.completion.chunk');
    collected.chunks.push(chunk);
    for (const choice of chunk.choices) {
      collected.text += choice.delta?.content ?? '';
      if (choice.finish_reason !== null && choice.finish_reason !== undefined) collected.finishReasons.push(choice.finish_reason);
    }
    if (chunk.usage) collected.usage = chunk.usage;
  }
  return collected;
}

async function create(context: ScenarioContext, body: Record<string, unknown>) {
  return context.client.chat.completions
    .create({ model: context.setup.chatModel, messages: [], ...body } as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming)
    .withResponse();
}

export const chatScenarios: readonly ChatScenario[] = [
  {
    name: 'text: a system prompt and a user turn; an OpenAI chat.completion back',
    async run(context) {
      const { data, response } = await create(context, { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi there' }] });
      assert.equal(data.object, 'chat.completion');
      assert.equal(data.choices.length, 1);
      const [choice] = data.choices;
      assert.equal(choice.message.role, 'assistant');
      assert.ok(typeof choice.message.content === 'string' && choice.message.content.length > 0, 'text content');
      assert.equal(choice.finish_reason, 'stop');
      const usage = assertUsageShape(data.usage);
      const upstream = singleUpstreamCall(context, false);
      assert.equal(context.setup.wire.systemText(upstream.body), 'Be brief.');
      assert.match(context.setup.wire.userText(upstream.body), /Hi there/);
      const log = await assertLog(context, response.headers.get('x-respan-log-id'), { usage, stream: false });
      assert.deepEqual((log.completion_message as { content?: unknown }).content, choice.message.content);
    },
  },
  {
    name: 'stream: chat.completion.chunk events, one stop, usage last when asked',
    async run(context) {
      const collected = await collectStream(context, { messages: [{ role: 'user', content: 'Hi there' }], stream_options: { include_usage: true } });
      assert.ok(collected.text.length > 0, 'streamed text');
      assert.deepEqual(collected.finishReasons, ['stop']);
      const withChoices = collected.chunks.filter((chunk) => chunk.choices.length > 0);
      assert.equal(new Set(withChoices.map((chunk) => chunk.id)).size, 1, 'one id for the whole stream');
      assert.equal(withChoices[0].choices[0].delta.role, 'assistant', 'the first delta names the role');
      const last = collected.chunks.at(-1)!;
      assert.deepEqual(last.choices, [], 'the usage chunk comes last, with no choices');
      const usage = assertUsageShape(collected.usage);
      singleUpstreamCall(context, true);
      const log = await assertLog(context, collected.logId, { usage, stream: true });
      assert.equal((log.completion_message as { content?: unknown }).content, collected.text);

      const withoutUsage = await collectStream(context, { messages: [{ role: 'user', content: 'Hi there' }] });
      assert.equal(withoutUsage.text, collected.text);
      assert.ok(withoutUsage.chunks.every((chunk) => !chunk.usage), 'no chunk carries usage unless asked');
      singleUpstreamCall(context, true);
      await assertLog(context, withoutUsage.logId, { usage, stream: true });
    },
  },
  {
    name: 'tools round trip: tool calls, then the tool results turn',
    async run(context) {
      const question: ChatCompletionMessageParam = { role: 'user', content: 'What is the weather and the time in town?' };
      const first = await create(context, { messages: [question], tools });
      const [choice] = first.data.choices;
      assert.equal(choice.finish_reason, 'tool_calls');
      const calls = choice.message.tool_calls ?? [];
      assert.ok(calls.length > 0, 'at least one tool call');
      assert.equal(new Set(calls.map((call) => call.id)).size, calls.length, 'tool call ids are distinct');
      for (const call of calls) {
        assert.equal(call.type, 'function');
        if (call.type !== 'function') continue;
        assert.ok(call.id.length > 0, 'a tool call id');
        assertToolName(call.function.name);
        assert.equal(typeof JSON.parse(call.function.arguments), 'object', 'arguments are a JSON object');
      }
      const firstUpstream = singleUpstreamCall(context, false);
      assert.deepEqual(context.setup.wire.toolNames(firstUpstream.body), toolNames);
      await assertLog(context, first.response.headers.get('x-respan-log-id'), { usage: assertUsageShape(first.data.usage), stream: false });

      const results: ChatCompletionMessageParam[] = calls.map((call, index) => ({
        role: 'tool', tool_call_id: call.id, content: JSON.stringify({ result: `result-${index}` }),
      }));
      const second = await create(context, { messages: [question, choice.message, ...results], tools });
      assert.equal(second.data.choices[0].finish_reason, 'stop');
      assert.ok((second.data.choices[0].message.content ?? '').length > 0, 'the answer after the tool results');
      const secondUpstream = singleUpstreamCall(context, false);
      const nativeResults = context.setup.wire.toolResults(secondUpstream.body);
      assert.equal(nativeResults.length, calls.length, 'every tool result reaches the upstream in the last turn');
      nativeResults.forEach((result, index) => {
        const call = calls[index] as { id: string; function: { name: string } };
        if (result.toolCallId !== undefined) assert.equal(result.toolCallId, call.id, 'the result names its call');
        if (result.name !== undefined) assert.equal(result.name, call.function.name, 'the result names its function');
        assert.match(result.text, new RegExp(`result-${index}`));
      });
      await assertLog(context, second.response.headers.get('x-respan-log-id'), { usage: assertUsageShape(second.data.usage), stream: false });
    },
  },
  {
    name: 'streamed tool calls: stable indices from 0, id and name first, arguments reassemble',
    async run(context) {
      const collected = await collectStream(context, {
        messages: [{ role: 'user', content: 'What is the weather in town?' }], tools, stream_options: { include_usage: true },
      });
      const calls: Array<{ id: string; name: string; arguments: string }> = [];
      for (const chunk of collected.chunks) {
        for (const delta of chunk.choices[0]?.delta?.tool_calls ?? []) {
          if (calls[delta.index] === undefined) {
            assert.equal(delta.index, calls.length, 'a new tool call takes the next index');
            assert.ok(delta.id, `tool call ${delta.index} opens with its id`);
            assert.equal(delta.type, 'function');
            assert.ok(delta.function?.name, `tool call ${delta.index} opens with its name`);
            calls[delta.index] = { id: delta.id, name: delta.function.name, arguments: '' };
          } else {
            assert.equal(delta.id, undefined, 'the id is sent once');
          }
          calls[delta.index].arguments += delta.function?.arguments ?? '';
        }
      }
      assert.ok(calls.length > 0, 'streamed tool calls');
      for (const call of calls) {
        assertToolName(call.name);
        assert.equal(typeof JSON.parse(call.arguments), 'object', `arguments of ${call.name} reassemble into a JSON object: ${call.arguments}`);
      }
      assert.deepEqual(collected.finishReasons, ['tool_calls']);
      const usage = assertUsageShape(collected.usage);
      singleUpstreamCall(context, true);
      const log = await assertLog(context, collected.logId, { usage, stream: true });
      const logged = (log.completion_message as { tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }> }).tool_calls ?? [];
      assert.deepEqual(logged.map((call) => [call.id, call.function.name, call.function.arguments]), calls.map((call) => [call.id, call.name, call.arguments]),
        'the log holds the reassembled tool calls');
    },
  },
  {
    name: 'JSON schema response_format: the schema reaches the upstream, JSON text comes back',
    async run(context) {
      const { data, response } = await create(context, {
        messages: [{ role: 'user', content: 'Weather report for Paris' }],
        response_format: { type: 'json_schema', json_schema: { name: 'weather_report', schema: weatherSchema, strict: true } },
      });
      const [choice] = data.choices;
      assert.equal(choice.finish_reason, 'stop');
      assert.equal(choice.message.tool_calls?.length ?? 0, 0, 'the answer is content, not a tool call');
      const parsed = JSON.parse(choice.message.content ?? '') as unknown;
      assert.ok(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed), 'a JSON object');
      const upstream = singleUpstreamCall(context, false);
      assert.deepEqual(context.setup.wire.jsonSchema(upstream.body), weatherSchema);
      await assertLog(context, response.headers.get('x-respan-log-id'), { usage: assertUsageShape(data.usage), stream: false });
    },
  },
  {
    name: 'image input as a data URL reaches the upstream as base64 bytes',
    async run(context) {
      const { data, response } = await create(context, {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in this image?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PIXEL_PNG_BASE64}` } }] }],
      });
      assert.equal(data.choices[0].finish_reason, 'stop');
      const upstream = singleUpstreamCall(context, false);
      assert.deepEqual(context.setup.wire.image(upstream.body), { mediaType: 'image/png', base64: PIXEL_PNG_BASE64 });
      assert.match(context.setup.wire.userText(upstream.body), /What is in this image\?/);
      await assertLog(context, response.headers.get('x-respan-log-id'), { usage: assertUsageShape(data.usage), stream: false });
    },
  },
  {
    name: 'image input as an http URL: passed on, or fetched and inlined where the upstream needs bytes',
    async run(context) {
      const fetchesBefore = context.images.fetches;
      const { data, response } = await create(context, {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in this image?' }, { type: 'image_url', image_url: { url: context.images.imageUrl } }] }],
      });
      assert.equal(data.choices[0].finish_reason, 'stop');
      const upstream = singleUpstreamCall(context, false);
      if (context.setup.fetchesImageUrls) {
        assert.deepEqual(context.setup.wire.image(upstream.body), { url: context.images.imageUrl });
        assert.equal(context.images.fetches, fetchesBefore, 'the gateway leaves the fetching to the upstream');
      } else {
        assert.deepEqual(context.setup.wire.image(upstream.body), { mediaType: 'image/png', base64: PIXEL_PNG_BASE64 });
        assert.equal(context.images.fetches, fetchesBefore + 1, 'the gateway fetched the image once');
      }
      await assertLog(context, response.headers.get('x-respan-log-id'), { usage: assertUsageShape(data.usage), stream: false });
    },
  },
  {
    name: 'usage with cached tokens: mapped into OpenAI usage, logged and priced',
    async run(context) {
      const { stream, extra, expected } = context.setup.usage;
      const body = { messages: [{ role: 'user', content: 'Summarise the contract' }], ...extra };
      let usage: Usage;
      let logId: string | null;
      if (stream) {
        const collected = await collectStream(context, { ...body, stream_options: { include_usage: true } });
        usage = assertUsageShape(collected.usage);
        logId = collected.logId;
      } else {
        const { data, response } = await create(context, body);
        usage = assertUsageShape(data.usage);
        logId = response.headers.get('x-respan-log-id');
      }
      assertUsage(usage, expected);
      singleUpstreamCall(context, stream);
      const log = await assertLog(context, logId, { usage, stream });
      if (expected.reasoning_tokens !== undefined) assert.equal(log.reasoning_tokens, expected.reasoning_tokens, 'logged reasoning_tokens');
    },
  },
  {
    name: 'max tokens: the cap reaches the upstream and the stop is `length`',
    async run(context) {
      const { data, response } = await create(context, { messages: [{ role: 'user', content: 'Tell me a long story' }], max_tokens: 8 });
      assert.equal(data.choices[0].finish_reason, 'length');
      assert.ok((data.choices[0].message.content ?? '').length > 0, 'the text so far');
      const upstream = singleUpstreamCall(context, false);
      assert.equal(context.setup.wire.maxTokens(upstream.body), 8);
      await assertLog(context, response.headers.get('x-respan-log-id'), { usage: assertUsageShape(data.usage), stream: false });
    },
  },
  {
    name: 'upstream 429: the status and message come back in the OpenAI error shape, and are logged',
    async run(context) {
      context.upstream.rateLimitNext();
      const error = await create(context, { messages: [{ role: 'user', content: 'Hi' }], customer_identifier: 'conformance', ...noRetries }).then(
        () => assert.fail('a rate-limited call must fail'),
        (failure: unknown) => failure,
      );
      assert.ok(error instanceof OpenAI.APIError, `an API error, got ${String(error)}`);
      assert.equal(error.status, 429);
      assert.match(error.message, context.setup.rateLimit.message);
      assert.equal(typeof (error.error as { message?: unknown } | undefined)?.message, 'string', 'the body is {"error": {"message", ...}}');
      const retryAfter = context.setup.rateLimit.retryAfter;
      if (retryAfter !== undefined) assert.equal(error.headers?.get('retry-after'), retryAfter, "the upstream's Retry-After reaches the client");
      singleUpstreamCall(context, false);
      const log = await fetchLog(context.gateway, error.headers?.get('x-respan-log-id') ?? assert.fail('the error names its log'));
      assert.equal(log.status, 'error');
      assert.equal(log.status_code, 429);
      assert.equal(log.provider_id, context.setup.providerId);
      assert.match(String(log.error_message), context.setup.rateLimit.message);

      // A stream refused before its first byte is an HTTP error too, not a 200 with an error event.
      context.upstream.rateLimitNext();
      await assert.rejects(collectStream(context, { messages: [{ role: 'user', content: 'Hi' }], ...noRetries }), (failure: unknown) => {
        assert.ok(failure instanceof OpenAI.APIError, `an API error, got ${String(failure)}`);
        assert.equal(failure.status, 429);
        assert.match(failure.message, context.setup.rateLimit.message);
        return true;
      });
      singleUpstreamCall(context, true);
    },
  },
];

function assertUsage(usage: Usage, expected: ExpectedUsage): void {
  assert.equal(usage.prompt_tokens, expected.prompt_tokens, 'prompt_tokens (cached and cache-write tokens included)');
  assert.equal(usage.completion_tokens, expected.completion_tokens, 'completion_tokens');
  assert.equal(usage.prompt_tokens_details?.cached_tokens ?? 0, expected.cached_tokens, 'prompt_tokens_details.cached_tokens');
  assert.equal(cacheCreationTokens(usage), expected.cache_creation_tokens, 'prompt_tokens_details.cache_creation_tokens');
  if (expected.reasoning_tokens !== undefined) {
    assert.equal(usage.completion_tokens_details?.reasoning_tokens, expected.reasoning_tokens, 'completion_tokens_details.reasoning_tokens');
  }
}
