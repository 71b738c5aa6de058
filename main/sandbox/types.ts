// The local MESH server's public shape: what the console, the CLI and the tests start.

export interface SandboxChecks {
  /** Refuse a token whose nonce and count were seen before (403), as the real service does. */
  tokenReuse?: boolean;
  /** Refuse a token whose timestamp is more than 2 hours from server time (403). */
  timestampWindow?: boolean;
  /** Refuse a send whose sender is not in the workflow's senders, or recipient not in its receivers (417, code 17). */
  workflowAuthorisation?: boolean;
}

export interface MeshServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to listen on; default 127.0.0.1 (loopback only). */
  host?: string;
  /** Serve plain HTTP instead of HTTPS. */
  http?: boolean;
  /** Keep mailboxes, messages and the server's own TLS identity here; in memory when absent. */
  dataDir?: string;
  /** PEM of a CA: when given, a client certificate signed by it is required (mutual TLS). */
  clientCa?: string;
  /** The server's TLS identity; when absent one is made on first start (kept in dataDir when there is one). */
  tls?: { certificatePem: string; privateKeyPem: string };
  /** HMAC shared key; default `TestKey`. */
  sharedKey?: string;
  checks?: SandboxChecks;
  /** One line per request, for the CLI's foreground server. */
  log?: (line: string) => void;
}

export interface RunningMeshServer {
  /** Base URL, e.g. `https://127.0.0.1:43123` (no trailing slash, no /messageexchange). */
  url: string;
  port: number;
  /** PEM of the certificate a client must trust to reach this server over HTTPS (absent for HTTP). */
  serverCertificatePem?: string;
  close(): Promise<void>;
}
