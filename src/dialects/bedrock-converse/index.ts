import type { ChatDialect } from '../dialect.ts';
import { decodeConverseError } from './decode-error.ts';
import { decodeConverseResponse } from './decode-response.ts';
import { encodeConverseRequest } from './encode-request.ts';
import { ConverseStreamTranslator } from './stream-translator.ts';

export { decodeConverseError, decodeConverseStreamException } from './decode-error.ts';

/**
 * Amazon Bedrock Converse / ConverseStream: one request shape for every model family on Bedrock.
 * Streams use the AWS event stream framing (binary, CRC-checked), decoded by upstream/aws-event-stream.ts.
 * Converse takes image bytes, not URLs, so the pipeline inlines http(s) images as data: URLs first.
 * Reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
export const bedrockConverseDialect: ChatDialect = {
  name: 'bedrock-converse',
  speaksPivot: false,
  streamFraming: 'aws-event-stream',
  needsImageBytes: true,
  encodeRequest: encodeConverseRequest,
  decodeResponse: decodeConverseResponse,
  createStreamTranslator: (context) => new ConverseStreamTranslator(context),
  decodeError: decodeConverseError,
};
