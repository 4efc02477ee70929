import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toGeminiSchema } from './to-gemini-schema.ts';

describe('toGeminiSchema', () => {
  it('keeps the OpenAPI subset and drops what Gemini rejects', () => {
    assert.deepEqual(toGeminiSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      title: 'Query',
      additionalProperties: false,
      properties: {
        text: { type: 'string', minLength: 1, format: 'uri', examples: ['x'] },
        when: { type: 'string', format: 'date-time' },
        count: { type: 'integer', minimum: 0, maximum: 10, format: 'int32' },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 3, uniqueItems: true },
      },
      required: ['text', 'missing'],
    }), {
      type: 'OBJECT',
      title: 'Query',
      properties: {
        text: { type: 'STRING', minLength: 1 },
        when: { type: 'STRING', format: 'date-time' },
        count: { type: 'INTEGER', minimum: 0, maximum: 10, format: 'int32' },
        tags: { type: 'ARRAY', items: { type: 'STRING' }, maxItems: 3 },
      },
      required: ['text'],
    });
  });

  it('inlines local $refs, ending recursion at a plain object', () => {
    const schema = toGeminiSchema({
      type: 'object',
      properties: { node: { $ref: '#/$defs/Node', description: 'Root' } },
      $defs: { Node: { type: 'object', properties: { value: { type: 'number' }, child: { $ref: '#/$defs/Node' } } } },
    });
    const node = schema.properties?.node;
    assert.equal(node?.type, 'OBJECT');
    assert.equal(node?.description, 'Root');
    assert.deepEqual(node?.properties?.value, { type: 'NUMBER' });
    let depth = 0;
    let current = node;
    while (current?.properties?.child !== undefined) {
      current = current.properties.child;
      depth += 1;
    }
    assert.ok(depth > 0 && depth <= 8);
    assert.equal(current?.type, 'OBJECT');
  });

  it('reads nullable unions, oneOf, allOf and const', () => {
    assert.deepEqual(toGeminiSchema({ anyOf: [{ type: 'string' }, { type: 'null' }] }), { type: 'STRING', nullable: true });
    assert.deepEqual(toGeminiSchema({ oneOf: [{ type: 'string' }, { type: 'integer' }] }), { anyOf: [{ type: 'STRING' }, { type: 'INTEGER' }] });
    assert.deepEqual(toGeminiSchema({ type: ['number', 'string'] }), { anyOf: [{ type: 'NUMBER' }, { type: 'STRING' }] });
    assert.deepEqual(toGeminiSchema({ const: 'fixed' }), { type: 'STRING', enum: ['fixed'] });
    assert.deepEqual(toGeminiSchema({ type: 'integer', enum: [1, 2] }), { type: 'INTEGER', enum: ['1', '2'], format: 'enum' });
    assert.deepEqual(toGeminiSchema({
      allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'boolean' } }, required: ['b'] }],
    }), { type: 'OBJECT', properties: { a: { type: 'STRING' }, b: { type: 'BOOLEAN' } }, required: ['a', 'b'] });
  });
});
