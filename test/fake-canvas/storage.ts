// A second origin that simulates Canvas's file storage (InstFS or S3), because Canvas
// redirects downloads to short-lived signed URLs there. Tests read `requests` to check
// that no Authorization header was forwarded across origins.
import { createHmac, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

import { StoredFile } from './files';
import { RecordedRequest, recordRequest } from './recording';

/** Signed storage URLs stay valid this long. */
const SIGNED_URL_LIFETIME_MS = 5 * 60 * 1000;
const SIGNING_SECRET = 'fake-canvas-storage-secret';

interface StoredObject {
  file: StoredFile;
  expiresAt: number;
}

export class StorageHost {
  readonly requests: RecordedRequest[] = [];
  private readonly objects = new Map<string, StoredObject>();
  private server?: http.Server;
  private origin = '';

  constructor(private readonly now: () => Date) {}

  get baseUrl(): string {
    return this.origin;
  }

  async start(): Promise<void> {
    const server = http.createServer((request, response) => this.handle(request, response));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) {
      return;
    }
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Publishes the file under a fresh key and returns its signed, expiring URL. */
  signedUrlFor(file: StoredFile): string {
    const key = randomUUID();
    const expiresAt = this.now().getTime() + SIGNED_URL_LIFETIME_MS;
    this.objects.set(key, { file, expiresAt });
    const path = `/objects/${key}/${encodeURIComponent(file.filename)}`;
    return `${this.origin}${path}?expires=${expiresAt}&signature=${sign(path, expiresAt)}`;
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', this.origin);
    this.requests.push(recordRequest(request, url));

    const key = /^\/objects\/([^/]+)\//.exec(url.pathname)?.[1];
    const stored = key ? this.objects.get(key) : undefined;
    const expires = Number(url.searchParams.get('expires'));
    const signatureValid = url.searchParams.get('signature') === sign(url.pathname, expires);

    if (request.method !== 'GET' || !stored || !signatureValid || expires <= this.now().getTime()) {
      response.writeHead(403, { 'Content-Type': 'application/xml' });
      response.end('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired or is not signed</Message></Error>\n');
      return;
    }

    const content = stored.file.content();
    response.writeHead(200, {
      'Content-Type': `${stored.file.contentType}; charset=utf-8`,
      'Content-Length': String(content.length),
      'Content-Disposition': `attachment; filename="${stored.file.filename}"`,
    });
    response.end(content);
  }
}

function sign(path: string, expiresAt: number): string {
  return createHmac('sha256', SIGNING_SECRET).update(`${path}:${expiresAt}`).digest('hex');
}
