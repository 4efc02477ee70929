/**
 * What a passthrough handler hands to the HTTP edge: the upstream's own status, chosen headers and
 * bytes. Unlike the router's replies nothing here is re-encoded: a body is sent as received and a
 * stream is a sequence of upstream chunks, each written as soon as it arrives.
 */
export type PassthroughReply =
  | {
    kind: 'buffered';
    status: number;
    headers: Record<string, string>;
    body: Uint8Array | string;
    /** Runs once the body has been handed to the socket: log writing. */
    afterSend?: () => void;
  }
  | {
    kind: 'stream';
    status: number;
    headers: Record<string, string>;
    /**
     * The upstream's chunks. Stopping early (client gone) aborts the upstream and logs the request;
     * a throw means the upstream stream broke, and the client's connection is cut the same way.
     */
    chunks: AsyncGenerator<Uint8Array | string>;
  };
