import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readClaudeCapabilities } from './read-claude-capabilities.ts';

describe('readClaudeCapabilities', () => {
  it('reads the generation from Anthropic, Vertex and Bedrock model ids', () => {
    const cases: Array<[string, boolean, boolean]> = [
      ['claude-sonnet-4-20250514', false, false],
      ['claude-sonnet-4@20250514', false, false],
      ['claude-3-5-sonnet-20240620', false, false],
      ['anthropic.claude-3-7-sonnet-20250219-v1:0', false, false],
      ['claude-opus-4-1-20250805', false, false],
      ['claude-sonnet-4-5@20250929', true, false],
      ['us.anthropic.claude-haiku-4-5-20251001-v1:0', true, false],
      ['claude-opus-4-6', true, true],
      ['claude-sonnet-5', true, true],
      ['claude-mythos-preview', true, true],
    ];
    for (const [model, structuredOutputs, adaptiveThinking] of cases) {
      assert.deepEqual(readClaudeCapabilities(model), { structuredOutputs, adaptiveThinking }, model);
    }
  });
});
