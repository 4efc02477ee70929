import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../src/errors/gateway-error.ts';
import { applyPromptToChatRequest } from '../../src/prompts/apply-prompt.ts';
import type { PromptVersionResolver, VersionSelector } from '../../src/prompts/render-prompt.ts';
import type { PromptVersionRow } from '../../src/storage/database.ts';

/** Prompts in memory: id → versions (1-based), and which one is deployed. */
function resolverOf(prompts: Record<string, { deployed?: number; versions: Array<Partial<PromptVersionRow>> }>): PromptVersionResolver {
  return {
    async resolveVersion(promptId: string, selector: VersionSelector) {
      const prompt = prompts[promptId];
      if (prompt === undefined) return undefined;
      const number = typeof selector === 'number' ? selector : selector === 'latest' ? prompt.versions.length : prompt.deployed ?? prompt.versions.length;
      const version = prompt.versions[number - 1];
      if (version === undefined) return undefined;
      return {
        prompt_id: promptId, version: number, model: null, messages: [], variables: {}, parameters: {}, description: null,
        created_at: '', updated_at: '', ...version,
      };
    },
  };
}

const greeting = {
  deployed: 2,
  versions: [
    { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'v1 {{name}}' }] },
    {
      model: 'gpt-4o', parameters: { temperature: 0.2, max_tokens: 50 }, variables: { tone: 'warm' },
      messages: [{ role: 'system', content: 'Be {{ tone }}.' }, { role: 'user', content: [{ type: 'text', text: 'Hello {{name}}, $& stays' }] }],
    },
    { model: 'gpt-4.1', messages: [{ role: 'user', content: 'v3 {{name}}' }] },
  ],
};
const resolver = resolverOf({
  greeting,
  wrapper: { versions: [{ model: 'gpt-4o', messages: [{ role: 'system', content: 'Context:\n{{inner}}' }, { role: 'user', content: 'Go' }] }] },
  loop_a: { versions: [{ model: 'gpt-4o', messages: [{ role: 'user', content: 'a {{b}}' }], variables: { b: { _type: 'prompt', prompt_id: 'loop_b' } } }] },
  loop_b: { versions: [{ model: 'gpt-4o', messages: [{ role: 'user', content: 'b {{a}}' }], variables: { a: { _type: 'prompt', prompt_id: 'loop_a' } } }] },
  level_1: { versions: [{ messages: [{ role: 'user', content: 'one {{x}}' }], variables: { x: { _type: 'prompt', prompt_id: 'level_2' } } }] },
  level_2: { versions: [{ messages: [{ role: 'user', content: 'two {{x}}' }], variables: { x: { _type: 'prompt', prompt_id: 'level_3' } } }] },
  level_3: { versions: [{ messages: [{ role: 'user', content: 'three' }] }] },
});

async function apply(prompt: Record<string, unknown>, request: Record<string, unknown> = {}) {
  return applyPromptToChatRequest({ prompt, request, resolver });
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GatewayError);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('applyPromptToChatRequest', () => {
  it('renders the deployed version with request variables over the version defaults', async () => {
    const applied = await apply({ prompt_id: 'greeting', variables: { name: 'Ada' }, echo: true });
    assert.equal(applied.version, 2);
    assert.equal(applied.echo, true);
    assert.equal(applied.request.model, 'gpt-4o');
    assert.equal(applied.request.temperature, 0.2);
    assert.deepEqual(applied.request.messages, [
      { role: 'system', content: 'Be warm.' },
      { role: 'user', content: [{ type: 'text', text: 'Hello Ada, $& stays' }] },
    ]);
    assert.deepEqual(applied.renderedMessages, applied.request.messages);
    const cold = await apply({ prompt_id: 'greeting', variables: { name: 'Ada', tone: 'curt' } });
    assert.equal(cold.request.messages[0].content, 'Be curt.');
  });

  it('selects a specific version or the latest', async () => {
    assert.equal((await apply({ prompt_id: 'greeting', version: 1, variables: { name: 'A' } })).request.messages[0].content, 'v1 A');
    const latest = await apply({ prompt_id: 'greeting', version: 'latest', variables: { name: 'A' } });
    assert.equal(latest.version, 3);
    assert.equal(latest.request.model, 'gpt-4.1');
    const missing = await rejection(apply({ prompt_id: 'greeting', version: 9, variables: { name: 'A' } }));
    assert.equal(missing.status, 400);
    assert.match(missing.message, /greeting.*version 9/);
  });

  it('answers 400 naming an unknown prompt or an unfilled variable', async () => {
    const unknown = await rejection(apply({ prompt_id: 'nope' }));
    assert.equal(unknown.status, 400);
    assert.equal(unknown.param, 'prompt');
    assert.match(unknown.message, /'nope'/);
    const unfilled = await rejection(apply({ prompt_id: 'greeting' }));
    assert.equal(unfilled.status, 400);
    assert.match(unfilled.message, /'name'/);
  });

  it('lets the request win without override and the version win with it', async () => {
    const request = { model: 'claude-sonnet-4', temperature: 0.9, messages: [{ role: 'user', content: 'ignored' }] };
    const own = await apply({ prompt_id: 'greeting', variables: { name: 'A' } }, request);
    assert.equal(own.request.model, 'claude-sonnet-4');
    assert.equal(own.request.temperature, 0.9);
    assert.equal(own.request.max_tokens, 50);
    assert.equal(own.request.messages.length, 2, 'the version\'s messages are sent by default');
    const overridden = await apply({ prompt_id: 'greeting', variables: { name: 'A' }, override: true }, request);
    assert.equal(overridden.request.model, 'gpt-4o');
    assert.equal(overridden.request.temperature, 0.2);
  });

  it('applies messages_override_mode and override_params', async () => {
    const request = { messages: [{ role: 'user', content: 'mine' }] };
    const replaced = await apply({ prompt_id: 'greeting', variables: { name: 'A' }, override_config: { messages_override_mode: 'override' } }, request);
    assert.deepEqual(replaced.request.messages, [{ role: 'user', content: 'mine' }]);
    const appended = await apply({ prompt_id: 'greeting', variables: { name: 'A' }, override_config: { messages_override_mode: 'append' } }, request);
    assert.deepEqual(appended.request.messages.map((message) => message.role), ['system', 'user', 'user']);
    assert.equal(appended.request.messages[2].content, 'mine');
    const params = await apply({ prompt_id: 'greeting', variables: { name: 'A' }, override: true, override_params: { temperature: 1, model: 'gpt-5' } }, { temperature: 0.5 });
    assert.equal(params.request.temperature, 1);
    assert.equal(params.request.model, 'gpt-5');
  });

  it('renders a nested prompt as its messages\' text joined by newlines', async () => {
    const applied = await apply({ prompt_id: 'wrapper', variables: { inner: { _type: 'prompt', prompt_id: 'greeting', version: 2, variables: { name: 'Bo' } } } });
    assert.equal(applied.request.messages[0].content, 'Context:\nBe warm.\nHello Bo, $& stays');
    const twoLevels = await apply({ prompt_id: 'level_2', variables: {} }, { model: 'gpt-4o' });
    assert.equal(twoLevels.request.messages[0].content, 'two three');
  });

  it('refuses a cycle and nesting deeper than two levels with a 400', async () => {
    const cycle = await rejection(apply({ prompt_id: 'loop_a' }));
    assert.equal(cycle.status, 400);
    assert.equal(cycle.code, 'prompt_cycle');
    assert.match(cycle.message, /'loop_a'/);
    const deep = await rejection(apply({ prompt_id: 'wrapper', variables: { inner: { _type: 'prompt', prompt_id: 'level_1' } } }));
    assert.equal(deep.status, 400);
    assert.equal(deep.code, 'prompt_nesting_too_deep');
  });

  it('needs a model from the version or the request', async () => {
    const error = await rejection(apply({ prompt_id: 'level_3' }));
    assert.equal(error.code, 'prompt_model_missing');
    assert.equal((await apply({ prompt_id: 'level_3' }, { model: 'gpt-4o' })).request.model, 'gpt-4o');
  });
});
