// Who exists: the mailboxes and workflows of the official sandbox (docs/mesh-protocol.md,
// "Local mailboxes and workflows"), plus a DPS export workflow so the console's local default can
// send exports with checks on.

export interface MailboxRecord {
  mailboxId: string;
  mailboxName: string;
  billingEntity: string;
  odsCode: string;
  orgCode: string;
  orgName: string;
  password: string;
  active: boolean;
}

export interface WorkflowRecord {
  workflowId: string;
  senders: string[];
  receivers: string[];
}

export const DEFAULT_MAILBOXES: MailboxRecord[] = [
  {
    mailboxId: 'X26ABC1',
    mailboxName: 'TESTMB1',
    billingEntity: 'England',
    odsCode: 'X26',
    orgCode: 'X26',
    orgName: '',
    password: 'password',
    active: true,
  },
  {
    mailboxId: 'X26ABC2',
    mailboxName: 'TESTMB2',
    billingEntity: 'Wales',
    odsCode: 'X26',
    orgCode: 'X26',
    orgName: '',
    password: 'password',
    active: true,
  },
  {
    mailboxId: 'X26ABC3',
    mailboxName: 'TESTMB3',
    billingEntity: 'England',
    odsCode: 'X27',
    orgCode: 'X27',
    orgName: '',
    password: 'password',
    active: true,
  },
];

/** The DPS export workflow the console sends on by default (see docs/dps-file.md, "Sending"). */
export const DPS_EXPORT_WORKFLOW = 'dps export';

export const DEFAULT_WORKFLOWS: WorkflowRecord[] = [
  { workflowId: 'TEST_WORKFLOW', senders: ['X26ABC1'], receivers: ['X26ABC2'] },
  { workflowId: 'TEST_WORKFLOW_ACK', senders: ['X26ABC2'], receivers: ['X26ABC1', 'X26ABC3'] },
  { workflowId: 'TEST_WORKFLOW2', senders: ['X26ABC1'], receivers: ['X26ABC1', 'X26ABC2', 'X26ABC3'] },
  { workflowId: DPS_EXPORT_WORKFLOW, senders: ['X26ABC1'], receivers: ['X26ABC2'] },
];

export class Directory {
  private readonly mailboxes = new Map<string, MailboxRecord>();

  constructor(
    mailboxes: MailboxRecord[] = DEFAULT_MAILBOXES,
    readonly workflows: WorkflowRecord[] = DEFAULT_WORKFLOWS,
  ) {
    for (const mailbox of mailboxes)
      this.mailboxes.set(mailbox.mailboxId.toUpperCase(), { ...mailbox, mailboxId: mailbox.mailboxId.toUpperCase() });
  }

  mailbox(mailboxId: string): MailboxRecord | undefined {
    return this.mailboxes.get(mailboxId);
  }

  /** The receivers of a workflow, optionally only those with this ODS code. */
  receivers(workflowId: string, odsCode?: string): MailboxRecord[] {
    const found: MailboxRecord[] = [];
    for (const workflow of this.workflows) {
      if (workflow.workflowId !== workflowId) continue;
      for (const id of workflow.receivers) {
        const mailbox = this.mailboxes.get(id.toUpperCase());
        if (mailbox && (odsCode === undefined || mailbox.odsCode === odsCode) && !found.includes(mailbox)) found.push(mailbox);
      }
    }
    return found;
  }

  /** Whether `sender` may send on `workflowId` to `recipient` (the check the official sandbox skips). */
  allows(workflowId: string, sender: string, recipient: string): boolean {
    return this.workflows.some(
      (w) =>
        w.workflowId === workflowId &&
        w.senders.map((s) => s.toUpperCase()).includes(sender) &&
        w.receivers.map((r) => r.toUpperCase()).includes(recipient),
    );
  }
}
