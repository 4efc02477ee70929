import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A 1×1 transparent PNG, as base64. */
export const PIXEL_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export interface PngServer {
  /** `http://127.0.0.1:PORT/pixel.png`. */
  imageUrl: string;
  /** How many times the image was fetched. */
  readonly fetches: number;
  close(): Promise<void>;
}

/** A tiny image host: `GET /pixel.png` answers the PNG with `content-type: image/png`, anything else 404. */
export async function startPngServer(): Promise<PngServer> {
  let fetches = 0;
  const bytes = Buffer.from(PIXEL_PNG_BASE64, 'base64');
  const server: Server = createServer((request, response) => {
    if (request.url !== '/pixel.png') return void response.writeHead(404).end();
    fetches += 1;
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(bytes.length) });
    response.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    imageUrl: `http://127.0.0.1:${port}/pixel.png`,
    get fetches() {
      return fetches;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
