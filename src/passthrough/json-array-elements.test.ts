import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readGeminiFixture } from '../dialects/gemini/fixtures/read-fixture.ts';
import { JsonArrayElementSplitter } from './json-array-elements.ts';

test('splits Gemini streamed array into its elements, whatever the chunk boundaries', () => {
  const text = readGeminiFixture('stream-array.json');
  const expected = JSON.parse(text) as unknown[];
  for (const size of [1, 7, 64, text.length]) {
    const splitter = new JsonArrayElementSplitter();
    const elements: string[] = [];
    for (let offset = 0; offset < text.length; offset += size) elements.push(...splitter.feed(text.slice(offset, offset + size)));
    assert.deepEqual(elements.map((element) => JSON.parse(element)), expected, `chunks of ${size}`);
  }
});

test('brackets and escaped quotes inside strings do not end an element', () => {
  const splitter = new JsonArrayElementSplitter();
  const elements = splitter.feed('[{"text":"a } ] \\" {"},\n{"b":[1,{"c":"]"}]}]');
  assert.deepEqual(elements.map((element) => JSON.parse(element)), [{ text: 'a } ] " {' }, { b: [1, { c: ']' }] }]);
});
