/**
 * Readers for what an upstream received, one per wire format. A conformance scenario asks the same
 * questions of every provider ("which tools were offered?", "how did the image travel?") and the
 * reader of that provider's format answers from the native body, so scenarios stay provider-free.
 */

type Body = Record<string, unknown>;

/** An image as it reached the upstream: a URL the upstream fetches itself, or inline bytes. */
export type NativeImage = { url: string } | { mediaType: string; base64: string };

/** A tool result as it reached the upstream; `toolCallId` where the format carries ids, `name` where it carries names. */
export interface NativeToolResult {
  toolCallId?: string;
  name?: string;
  /** The result's content, as JSON text, whatever shape the format gives it. */
  text: string;
}

export interface NativeWire {
  readonly name: string;
  /** The system prompt's text. */
  systemText(body: Body): string | undefined;
  /** The text of every user turn, joined. */
  userText(body: Body): string;
  /** Names of the tools offered (a JSON-answer tool included). */
  toolNames(body: Body): string[];
  /** Tool results carried by the last turn. */
  toolResults(body: Body): NativeToolResult[];
  /** The first image in the conversation. */
  image(body: Body): NativeImage | undefined;
  maxTokens(body: Body): number | undefined;
  /** The JSON schema the answer must follow, wherever the format puts it. */
  jsonSchema(body: Body): unknown;
}

const array = <Item = Record<string, unknown>>(value: unknown): Item[] => (Array.isArray(value) ? value as Item[] : []);
const record = (value: unknown): Body => (value !== null && typeof value === 'object' ? value as Body : {});
const textOf = (content: unknown): string => (typeof content === 'string' ? content : JSON.stringify(content));

/** Data URLs as inline bytes; anything else as a URL. */
function imageFromUrl(url: string): NativeImage {
  const match = /^data:([^;]+);base64,(.*)$/.exec(url);
  return match === null ? { url } : { mediaType: match[1], base64: match[2] };
}

export const openAIChatWire: NativeWire = {
  name: 'openai-chat',
  systemText: (body) => {
    const system = array(body.messages).find((message) => message.role === 'system');
    return system === undefined ? undefined : textOf(system.content);
  },
  userText: (body) => array(body.messages).filter((message) => message.role === 'user').map((message) => (
    typeof message.content === 'string' ? message.content : array(message.content).filter((part) => part.type === 'text').map((part) => part.text).join('')
  )).join('\n'),
  toolNames: (body) => array(body.tools).map((tool) => String(record(tool.function).name)),
  toolResults: (body) => {
    const messages = array(body.messages);
    const results: NativeToolResult[] = [];
    for (let index = messages.length - 1; index >= 0 && messages[index].role === 'tool'; index--) {
      results.unshift({ toolCallId: String(messages[index].tool_call_id), text: textOf(messages[index].content) });
    }
    return results;
  },
  image: (body) => {
    for (const message of array(body.messages)) {
      const part = array(message.content).find((candidate) => candidate.type === 'image_url');
      if (part !== undefined) return imageFromUrl(String(record(part.image_url).url));
    }
    return undefined;
  },
  maxTokens: (body) => (body.max_completion_tokens ?? body.max_tokens) as number | undefined,
  jsonSchema: (body) => record(record(body.response_format).json_schema).schema,
};

export const anthropicMessagesWire: NativeWire = {
  name: 'anthropic-messages',
  systemText: (body) => (typeof body.system === 'string' ? body.system : body.system === undefined ? undefined : array(body.system).map((block) => block.text).join('\n')),
  userText: (body) => array(body.messages).filter((message) => message.role === 'user').map((message) => (
    typeof message.content === 'string' ? message.content : array(message.content).filter((block) => block.type === 'text').map((block) => block.text).join('')
  )).join('\n'),
  toolNames: (body) => array(body.tools).map((tool) => String(tool.name)),
  toolResults: (body) => array(array(body.messages).at(-1)?.content)
    .filter((block) => block.type === 'tool_result')
    .map((block) => ({ toolCallId: String(block.tool_use_id), text: textOf(block.content) })),
  image: (body) => {
    for (const message of array(body.messages)) {
      const block = array(message.content).find((candidate) => candidate.type === 'image');
      if (block === undefined) continue;
      const source = record(block.source);
      return source.type === 'url' ? { url: String(source.url) } : { mediaType: String(source.media_type), base64: String(source.data) };
    }
    return undefined;
  },
  maxTokens: (body) => body.max_tokens as number | undefined,
  jsonSchema: (body) => {
    const jsonTool = array(body.tools).find((tool) => String(tool.name).startsWith('json_response__'));
    return jsonTool?.input_schema ?? record(record(body.output_config).format).schema;
  },
};

export const geminiWire: NativeWire = {
  name: 'gemini',
  systemText: (body) => {
    const parts = array(record(body.systemInstruction).parts);
    return parts.length === 0 ? undefined : parts.map((part) => part.text).join('\n');
  },
  userText: (body) => array(body.contents).filter((content) => content.role === 'user')
    .flatMap((content) => array(content.parts)).filter((part) => typeof part.text === 'string').map((part) => part.text).join('\n'),
  toolNames: (body) => array(body.tools).flatMap((tool) => array(tool.functionDeclarations)).map((declaration) => String(declaration.name)),
  toolResults: (body) => array(array(body.contents).at(-1)?.parts)
    .filter((part) => part.functionResponse !== undefined)
    .map((part) => ({ name: String(record(part.functionResponse).name), text: textOf(record(part.functionResponse).response) })),
  image: (body) => {
    for (const content of array(body.contents)) {
      for (const part of array(content.parts)) {
        if (part.inlineData !== undefined) return { mediaType: String(record(part.inlineData).mimeType), base64: String(record(part.inlineData).data) };
        if (part.fileData !== undefined) return { url: String(record(part.fileData).fileUri) };
      }
    }
    return undefined;
  },
  maxTokens: (body) => record(body.generationConfig).maxOutputTokens as number | undefined,
  jsonSchema: (body) => {
    const config = record(body.generationConfig);
    return config.responseJsonSchema ?? config.responseSchema;
  },
};

export const bedrockConverseWire: NativeWire = {
  name: 'bedrock-converse',
  systemText: (body) => {
    const blocks = array(body.system).filter((block) => typeof block.text === 'string');
    return blocks.length === 0 ? undefined : blocks.map((block) => block.text).join('\n');
  },
  userText: (body) => array(body.messages).filter((message) => message.role === 'user')
    .flatMap((message) => array(message.content)).filter((block) => typeof block.text === 'string').map((block) => block.text).join('\n'),
  toolNames: (body) => array(record(body.toolConfig).tools).map((tool) => String(record(tool.toolSpec).name)),
  toolResults: (body) => array(array(body.messages).at(-1)?.content)
    .filter((block) => block.toolResult !== undefined)
    .map((block) => ({ toolCallId: String(record(block.toolResult).toolUseId), text: textOf(record(block.toolResult).content) })),
  image: (body) => {
    for (const message of array(body.messages)) {
      const block = array(message.content).find((candidate) => candidate.image !== undefined);
      if (block === undefined) continue;
      const image = record(block.image);
      return { mediaType: `image/${String(image.format)}`, base64: String(record(image.source).bytes) };
    }
    return undefined;
  },
  maxTokens: (body) => record(body.inferenceConfig).maxTokens as number | undefined,
  jsonSchema: (body) => {
    const schema = record(record(record(record(body.outputConfig).textFormat).structure).jsonSchema).schema;
    return typeof schema === 'string' ? JSON.parse(schema) : schema;
  },
};
