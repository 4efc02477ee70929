/**
 * JSON Schemas for router bodies, compiled once by Fastify (ajv). They check the types of the
 * fields the gateway reads or that OpenAI documents, so a wrong type is a 400 naming its `param`;
 * unknown fields pass (providers add their own). Numbers are never coerced from strings.
 */
const nullable = (type: string | string[]) => ({ type: [...(Array.isArray(type) ? type : [type]), 'null'] });

export const chatCompletionBodySchema = {
  type: 'object',
  properties: {
    model: { type: 'string' },
    messages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['role'],
        properties: {
          role: { type: 'string', enum: ['system', 'developer', 'user', 'assistant', 'tool', 'function'] },
          content: { type: ['string', 'array', 'null'] },
          name: { type: 'string' },
          tool_calls: { type: 'array' },
          tool_call_id: { type: 'string' },
        },
      },
    },
    stream: nullable('boolean'),
    stream_options: nullable('object'),
    max_tokens: nullable('integer'),
    max_completion_tokens: nullable('integer'),
    temperature: nullable('number'),
    top_p: nullable('number'),
    n: nullable('integer'),
    stop: nullable(['string', 'array']),
    seed: nullable('integer'),
    presence_penalty: nullable('number'),
    frequency_penalty: nullable('number'),
    logit_bias: nullable('object'),
    logprobs: nullable('boolean'),
    top_logprobs: nullable('integer'),
    user: { type: 'string' },
    tools: { type: 'array', items: { type: 'object' } },
    tool_choice: { type: ['string', 'object'] },
    parallel_tool_calls: { type: 'boolean' },
    response_format: { type: 'object' },
    reasoning_effort: nullable('string'),
    metadata: nullable('object'),
    customer_identifier: { type: ['string', 'number'] },
    fallback_models: { type: 'array', items: { type: 'string' } },
    models: { type: 'array', items: { type: 'string' } },
    disable_log: { type: 'boolean' },
  },
} as const;

export const embeddingsBodySchema = {
  type: 'object',
  properties: {
    model: { type: 'string' },
    input: { type: ['string', 'array'] },
    encoding_format: { type: 'string', enum: ['float', 'base64'] },
    dimensions: { type: 'integer', minimum: 1 },
    user: { type: 'string' },
    metadata: nullable('object'),
  },
} as const;

export const responsesBodySchema = {
  type: 'object',
  properties: {
    model: { type: 'string' },
    input: { type: ['string', 'array'] },
    instructions: nullable('string'),
    stream: nullable('boolean'),
    tools: { type: 'array', items: { type: 'object' } },
    max_output_tokens: nullable('integer'),
    temperature: nullable('number'),
    top_p: nullable('number'),
    previous_response_id: nullable('string'),
    metadata: nullable('object'),
  },
} as const;
