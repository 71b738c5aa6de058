// The Java MESH client's control file (`name.ctl` beside `name.dat`): a small `DTSControl` XML
// document saying where the data goes (To_DTS, WorkflowId, Subject, LocalId, ...) and, on a
// received file, what MESH said about it (StatusRecord). The element names and their order are
// those of NHS England's MESH client guidance ("Appendix A – the control file" of the Data
// Landing Portal set-up guide). A control file that cannot be used is one sentence saying what
// to correct; nothing is guessed.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseMailboxId } from '../domain';

export interface StatusRecord {
  /** UTC, yyyyMMddHHmmss. */
  dateTime: string;
  event: string;
  /** SUCCESS or ERROR. */
  status: string;
  statusCode: string;
  description: string;
}

export interface ControlFile {
  version: string;
  addressType: string;
  /** `Data` for a file, `Report` for a REPORT from MESH. */
  messageType: 'Data' | 'Report';
  workflowId?: string;
  fromDts?: string;
  toDts?: string;
  subject?: string;
  localId?: string;
  /** The MESH message id of a received message. */
  dtsId?: string;
  partnerId?: string;
  compress?: boolean;
  encrypted?: boolean;
  isCompressed?: boolean;
  allowChunking?: boolean;
  dataChecksum?: string;
  fileName?: string;
  statusRecord?: StatusRecord;
}

/** What a control file asks for an outbound send. */
export interface SendInstructions {
  to: string;
  workflowId: string;
  subject?: string;
  localId?: string;
  /** false when the control file says Compress N. */
  compress?: boolean;
}

export class ControlFileError extends Error {
  override name = 'ControlFileError';
}

/** Element names, in the order the Java client writes them. */
const ELEMENTS = {
  version: 'Version',
  addressType: 'AddressType',
  messageType: 'MessageType',
  fromDts: 'From_DTS',
  toDts: 'To_DTS',
  subject: 'Subject',
  localId: 'LocalId',
  dtsId: 'DTSId',
  partnerId: 'PartnerId',
  compress: 'Compress',
  encrypted: 'Encrypted',
  workflowId: 'WorkflowId',
  dataChecksum: 'DataChecksum',
  isCompressed: 'IsCompressed',
  allowChunking: 'AllowChunking',
  fileName: 'FileName',
} as const;
const FLAGS = new Set(['compress', 'encrypted', 'isCompressed', 'allowChunking']);
const KNOWN = new Set<string>([
  ...Object.values(ELEMENTS),
  'StatusRecord',
  'From_ESMTP',
  'To_ESMTP',
  'ProcessId',
  'Encoding',
  'Checksum',
  'Compressed',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  processEntities: true,
  isArray: () => false,
});

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  return undefined;
}

/** Reads a control file's text; `label` names it in the sentence (e.g. `report.ctl`). */
export function parseControlFile(xml: string, label: string): ControlFile {
  const body = xml.replace(/^\uFEFF/, '');
  if (!body.trim())
    throw new ControlFileError(`The control file ${label} is empty: it needs a DTSControl document naming To_DTS and WorkflowId.`);
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    throw new ControlFileError(
      `The control file ${label} is not well-formed XML (line ${valid.err.line}: ${valid.err.msg.replace(/\.$/, '')}); correct it and put it back in OUT.`,
    );
  }
  const doc = parser.parse(body) as Record<string, unknown>;
  const roots = Object.keys(doc).filter((key) => !key.startsWith('?'));
  if (roots.length !== 1 || roots[0] !== 'DTSControl' || typeof doc.DTSControl !== 'object' || doc.DTSControl === null) {
    throw new ControlFileError(`The control file ${label} is not a DTSControl document: its outermost element must be <DTSControl>.`);
  }
  const root = doc.DTSControl as Record<string, unknown>;
  for (const [name, value] of Object.entries(root)) {
    if (!KNOWN.has(name)) {
      throw new ControlFileError(
        `The control file ${label} has an element the MESH client does not know, <${name}>; remove it or correct its name.`,
      );
    }
    if (Array.isArray(value)) throw new ControlFileError(`The control file ${label} has <${name}> more than once; keep one.`);
    if (name !== 'StatusRecord' && typeof value === 'object' && value !== null) {
      throw new ControlFileError(`The control file ${label} has elements inside <${name}>, which holds text only.`);
    }
  }
  const control: ControlFile = {
    version: text(root.Version) ?? '1.0',
    addressType: text(root.AddressType) ?? 'DTS',
    messageType: 'Data',
  };
  const messageType = text(root.MessageType);
  if (messageType !== undefined) {
    const word = messageType.toLowerCase();
    if (word !== 'data' && word !== 'report') {
      throw new ControlFileError(
        `The control file ${label} has MessageType "${messageType}"; it must be Data (or Report, for a received report).`,
      );
    }
    control.messageType = word === 'data' ? 'Data' : 'Report';
  }
  for (const [key, element] of Object.entries(ELEMENTS)) {
    if (key === 'version' || key === 'addressType' || key === 'messageType') continue;
    const value = text(root[element]);
    if (value === undefined) continue;
    if (FLAGS.has(key)) {
      const flag = value.toUpperCase();
      if (flag !== 'Y' && flag !== 'N')
        throw new ControlFileError(`The control file ${label} has ${element} "${value}"; it must be Y or N.`);
      (control as unknown as Record<string, unknown>)[key] = flag === 'Y';
    } else {
      (control as unknown as Record<string, unknown>)[key] = value;
    }
  }
  const status = root.StatusRecord;
  if (status !== undefined && status !== '') {
    if (typeof status !== 'object' || status === null)
      throw new ControlFileError(`The control file ${label} has a StatusRecord without its elements.`);
    const s = status as Record<string, unknown>;
    control.statusRecord = {
      dateTime: text(s.DateTime) ?? '',
      event: text(s.Event) ?? '',
      status: text(s.Status) ?? '',
      statusCode: text(s.StatusCode) ?? '',
      description: text(s.Description) ?? '',
    };
  }
  return control;
}

const PRINTABLE = /^[\x20-\x7e]+$/;

/** What a control file in OUT asks to send; a sentence when it cannot be sent as it is. */
export function sendInstructions(control: ControlFile, label: string): SendInstructions {
  if (control.messageType !== 'Data') {
    throw new ControlFileError(`The control file ${label} has MessageType Report; only Data files can be sent.`);
  }
  if (control.version !== '1.0') {
    throw new ControlFileError(`The control file ${label} has Version "${control.version}"; the MESH client writes 1.0.`);
  }
  if (!control.toDts) throw new ControlFileError(`The control file ${label} has no To_DTS: give the recipient's mailbox id there.`);
  const to = parseMailboxId(control.toDts);
  if (!to) throw new ControlFileError(`The control file ${label} has To_DTS "${control.toDts}", which is not a MESH mailbox id.`);
  if (!control.workflowId)
    throw new ControlFileError(`The control file ${label} has no WorkflowId: give the MESH workflow the recipient expects.`);
  for (const [element, value, max] of [
    ['WorkflowId', control.workflowId, 255],
    ['Subject', control.subject, 500],
    ['LocalId', control.localId, 255],
  ] as const) {
    if (value !== undefined && (!PRINTABLE.test(value) || value.length > max)) {
      throw new ControlFileError(
        `The control file ${label} has a ${element} MESH cannot carry: at most ${max} printable ASCII characters.`,
      );
    }
  }
  return {
    to,
    workflowId: control.workflowId,
    ...(control.subject ? { subject: control.subject } : {}),
    ...(control.localId ? { localId: control.localId } : {}),
    ...(control.compress === false ? { compress: false } : {}),
  };
}

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });

function flag(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? 'Y' : 'N';
}

/** The control file's XML, elements in the Java client's order, empty ones left out. */
export function writeControlFile(control: ControlFile): string {
  const root: Record<string, unknown> = {};
  for (const [key, element] of Object.entries(ELEMENTS)) {
    const value = (control as unknown as Record<string, unknown>)[key];
    const out = FLAGS.has(key) ? flag(value as boolean | undefined) : (value as string | undefined);
    if (out !== undefined && out !== '') root[element] = out;
  }
  if (control.statusRecord) {
    const s = control.statusRecord;
    root.StatusRecord = { DateTime: s.dateTime, Event: s.event, Status: s.status, StatusCode: s.statusCode, Description: s.description };
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ DTSControl: root }) as string}`;
}
