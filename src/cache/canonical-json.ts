/**
 * JSON with object keys sorted at every depth, so two requests that differ only in key order
 * serialize (and hash) the same. Arrays keep their order: message order is meaning. Like
 * `JSON.stringify`, it drops `undefined` object members and writes `null` for `undefined` array
 * items, so a parsed request and the object it came from give the same text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) text += ',';
      text += canonicalJson(value[index]);
    }
    return text + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    if (!first) text += ',';
    first = false;
    text += JSON.stringify(key) + ':' + canonicalJson(member);
  }
  return text + '}';
}
