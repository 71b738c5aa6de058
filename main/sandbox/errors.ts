// The errors the server answers with, in the sandbox's words (docs/mesh-protocol.md,
// "Authentication token", "Status and error codes" and "Errors and retries").
// A handler throws a SandboxError; the dispatcher renders it in v1 or v2 form.

export interface MeshErrorBody {
  kind: 'mesh';
  event: string;
  code: string;
  description: string;
  /** Carried as `messageID` (v1) / `message_id` (v2), e.g. on chunk-upload errors. */
  messageId?: string;
}

/** The no-detail body of 406, 423 and uncaught 500s. */
export interface GenericErrorBody {
  kind: 'generic';
}

/** A request validation failure, in FastAPI's shape. */
export interface ValidationErrorBody {
  kind: 'validation';
  detail: ValidationDetail[];
}

export interface ValidationDetail {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export type ErrorBody = MeshErrorBody | GenericErrorBody | ValidationErrorBody;

export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.kind === 'mesh' ? body.description : `HTTP ${status}`);
  }
}

const mesh = (status: number, event: string, code: string, description: string, messageId?: string) =>
  new SandboxError(status, { kind: 'mesh', event, code, description, ...(messageId ? { messageId } : {}) });

export const Errors = {
  // authentication (403)
  authHeaderUnreadable: () => mesh(403, '', '', 'Error reading from Authorization header'),
  mailboxTokenMismatch: () => mesh(403, '', '', 'Mailbox id does not match token'),
  invalidToken: () => mesh(403, '', '', 'Invalid Authentication Token'),
  noMailboxMatched: () => mesh(403, 'SEND', 'EPL-151', 'No mailbox matched'),
  tokenReused: () => mesh(403, '', '', 'Error Duplicated Authentication Token'),
  tokenOutsideWindow: () => mesh(403, '', '', 'Authentication token timestamp is more than 2 hours from server time'),
  adminNotLocal: () =>
    mesh(403, '', '', 'Admin routes answer only requests from this machine; start the server with --admin-from-anywhere to allow others'),
  // request shape
  badAccept: () => mesh(400, '', '', 'Accept header api format incorrect'),
  // messages
  messageDoesNotExist: () => mesh(404, 'RECEIVE', '20', 'Message does not exist'),
  messageGone: () => mesh(410, 'SEND', 'Message already accepted', 'Message no longer available for download'),
  forbidden: (messageId?: string) => mesh(403, '', '', 'Forbidden', messageId),
  notFound: () => mesh(404, '', '', 'Not Found'),
  methodNotAllowed: () => mesh(405, '', '', 'Method Not Allowed'),
  multipleChoices: () => mesh(300, '', '', 'Multiple Choices'),
  // send
  malformedControlFile: () => mesh(400, 'TRANSFER', '06', 'MalformedControlFile'),
  invalidChecksum: () => mesh(400, 'SEND', 'Invalid checksum', 'Invalid checksum'),
  toMissing: () => mesh(400, 'SEND', '08', 'TO_DTS missing'),
  unsupportedContentEncoding: () => mesh(422, 'SEND', 'UnsupportedContentEncoding', 'Unsupported content encoding'),
  invalidHeaderChunks: (messageId?: string) =>
    mesh(417, 'SEND', 'InvalidHeaderChunks', 'Invalid chunk values sent in mex-Chunk-Range header', messageId),
  unregisteredRecipient: () => mesh(417, 'SEND', '12', 'Unregistered to address'),
  workflowNotRegistered: () => mesh(417, 'SEND', '17', 'Workflow ID not registered for mailbox'),
  missingDataFile: () => mesh(417, 'COLLECT', '02', 'Data file is missing or inaccessible.'),
  contentEncodingChanged: (messageId: string) => mesh(417, '', '', 'cannot change content encoding', messageId),
  chunksMissing: (messageId: string) =>
    mesh(417, 'SEND', 'InvalidHeaderChunks', 'Not every chunk of the message has been uploaded', messageId),
  locked: () => new SandboxError(423, { kind: 'generic' }),
  notAcceptable: () => new SandboxError(406, { kind: 'generic' }),
  internal: () => new SandboxError(500, { kind: 'generic' }),
  validation: (...detail: ValidationDetail[]) => new SandboxError(400, { kind: 'validation', detail }),
  /** Any status with the reason phrase as its description (fault injection). */
  status: (status: number, description: string) => mesh(status, '', '', description),
};

export const Invalid = {
  missing: (where: 'header' | 'query' | 'body', name: string): ValidationDetail => ({
    type: 'missing',
    loc: [where, name],
    msg: 'Field required',
    input: null,
  }),
  tooLong: (where: 'header' | 'query', name: string, input: string, max: number): ValidationDetail => ({
    type: 'string_too_long',
    loc: [where, name],
    msg: `String should have at most ${max} characters`,
    input,
    ctx: { max_length: max },
  }),
  tooShort: (where: 'header' | 'query', name: string, input: string, min: number): ValidationDetail => ({
    type: 'string_too_short',
    loc: [where, name],
    msg: `String should have at least ${min} character${min === 1 ? '' : 's'}`,
    input,
    ctx: { min_length: min },
  }),
  notInteger: (where: 'query' | 'path', name: string, input: string): ValidationDetail => ({
    type: 'int_parsing',
    loc: [where, name],
    msg: 'Input should be a valid integer, unable to parse string as an integer',
    input,
  }),
  tooSmall: (where: 'query' | 'path', name: string, input: string, min: number): ValidationDetail => ({
    type: 'greater_than_equal',
    loc: [where, name],
    msg: `Input should be greater than or equal to ${min}`,
    input,
    ctx: { ge: min },
  }),
  tooBig: (where: 'query' | 'path', name: string, input: string, max: number): ValidationDetail => ({
    type: 'less_than_equal',
    loc: [where, name],
    msg: `Input should be less than or equal to ${max}`,
    input,
    ctx: { le: max },
  }),
  badJson: (): ValidationDetail => ({ type: 'json_invalid', loc: ['body'], msg: 'JSON decode error', input: {} }),
  wrongValue: (name: string, input: unknown, allowed: string[]): ValidationDetail => ({
    type: 'literal_error',
    loc: ['body', name],
    msg: `Input should be ${allowed.map((a) => `'${a}'`).join(' or ')}`,
    input,
  }),
  notString: (name: string, input: unknown): ValidationDetail => ({
    type: 'string_type',
    loc: ['body', name],
    msg: 'Input should be a valid string',
    input,
  }),
};
