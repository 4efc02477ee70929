/**
 * Splits a streamed JSON array into its top-level elements as each one completes. Gemini's
 * `streamGenerateContent` without `alt=sse` answers one JSON array written piece by piece
 * (`[{...}\n,\n{...}]`), so the gateway reads usage from each element while the bytes go on to the
 * client unchanged. Strings are tracked so that brackets inside them do not count; memory is one
 * element at a time. Elements are objects, as Gemini's are; anything else between them is skipped.
 */
export class JsonArrayElementSplitter {
  /** 0 before the array opens, 1 inside it between elements, more inside an element. */
  #depth = 0;
  #inString = false;
  #escaped = false;
  #element = '';

  /** Feeds text; returns the elements completed by it, as JSON text. */
  feed(text: string): string[] {
    const completed: string[] = [];
    let elementStart = this.#depth >= 2 ? 0 : -1;
    for (let index = 0; index < text.length; index++) {
      const character = text[index];
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (character === '\\') this.#escaped = true;
        else if (character === '"') this.#inString = false;
        continue;
      }
      if (character === '"') {
        this.#inString = true;
      } else if (character === '{' || character === '[') {
        if (this.#depth === 1) elementStart = index;
        this.#depth++;
      } else if (character === '}' || character === ']') {
        this.#depth = Math.max(0, this.#depth - 1);
        if (this.#depth === 1 && elementStart >= 0) {
          completed.push(this.#element + text.slice(elementStart, index + 1));
          this.#element = '';
          elementStart = -1;
        }
      }
    }
    if (elementStart >= 0 && this.#depth >= 2) this.#element += text.slice(elementStart);
    return completed;
  }
}
