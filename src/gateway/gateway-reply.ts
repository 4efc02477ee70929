/** What the pipeline hands to the HTTP edge to render. */
export type GatewayReply =
  | {
    kind: 'json';
    status: number;
    headers: Record<string, string>;
    /** Serialized JSON, sent as is. */
    body: string;
    /** Runs once the body has been handed to the socket: log writing and accounting. */
    afterSend?: () => void;
  }
  | {
    kind: 'stream';
    status: number;
    headers: Record<string, string>;
    /** Server-sent events in wire form; stopping early (client gone) aborts the upstream. */
    events: AsyncGenerator<string>;
  };
