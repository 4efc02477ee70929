import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';
import type { PathSegment } from './config-error.ts';

/**
 * The 1-based line where a key path appears in the YAML document: the line of the deepest key or
 * list item that exists on the path. A missing key is reported at its parent, which is where the
 * operator has to add it.
 */
export function findYamlLine(options: {
  document: Document;
  lineCounter: LineCounter;
  path: readonly PathSegment[];
  /** How a key node's text reads in the path, when it differs from the node's own text. */
  keyText?: (text: string) => string;
}): number | undefined {
  const { document, lineCounter, path, keyText = (text: string) => text } = options;
  let node: unknown = document.contents;
  let offset = rangeStart(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && keyText(String(item.key.value)) === String(segment));
      if (pair === undefined) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
