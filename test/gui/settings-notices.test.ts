// Issue 11, "Notices and settings", driven in Chromium against the real service on its local MESH
// server: choosing an environment fills its address; the CA bundle goes back to the environment's
// default; plain http:// to another machine is refused; the screen's messages name its fields
// (never a settings.json key or a MESH_* variable) and its hints give the limits the checks use;
// Test connection answers in place without an alert; a notice is said once, cleared when what it
// reported is fixed, and never covers a button or the screen; times read as words.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import type { ConsoleEvent } from '../../main/domain';
import type { ConsoleService } from '../../main/app/service';
import type { ScriptedDialogs } from '../support/scripted-dialogs';
import { startConsoleGui, type ConsoleGui } from './support/console-gui';
import type { Gui } from './support/harness';

let console_: ConsoleGui;
let dir: string;
let dialogs: ScriptedDialogs;
let service: ConsoleService;
let gui: Gui;
let page: Page;

before(async () => {
  console_ = await startConsoleGui('mesh-console-settings-');
  ({ dir, dialogs, service, gui, page } = console_);
});

after(async () => {
  await console_?.close();
});

const open = (section: string) => console_.open(section);
const settingsFile = () => join(dir, 'data', 'settings.json');
const savedSettings = (): Record<string, unknown> => {
  try {
    return JSON.parse(readFileSync(settingsFile(), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
};
const notices = () => page.locator('.app-notices .app-notice');
const mailboxNotices = () => page.locator('.app-notices .app-notice[data-topic="mailbox-unreachable"]');
/** The command line's words, which the screens never use. */
const CLI_WORDS = /settings\.json|MESH_[A-Z_]+|\bbase_url\b|job_times|inbox_refresh_minutes|ca_bundle/;
/** An ISO 8601 time as it crosses IPC: what the screens must turn into words. */
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

async function openSettings() {
  await open('Settings');
  await page.getByRole('heading', { level: 2, name: 'Connection', exact: true }).waitFor();
}

test('choosing an environment fills its address, and Local empties it for the console’s own server', async () => {
  await openSettings();
  const environment = page.getByLabel('Environment', { exact: true });
  const baseUrl = page.getByLabel('Base URL');
  assert.equal(await baseUrl.inputValue(), '', 'the console runs its own local server');

  await environment.selectOption('deployment');
  assert.equal(await baseUrl.inputValue(), 'https://msg.depspineservices.nhs.uk');
  await environment.selectOption('production');
  assert.equal(await baseUrl.inputValue(), 'https://mesh-sync.spineservices.nhs.uk');
  await environment.selectOption('custom');
  assert.equal(await baseUrl.inputValue(), '', 'an NHS address is not kept for a custom server');
  await baseUrl.fill('https://mesh.example.org');
  await environment.selectOption('local');
  assert.equal(await baseUrl.inputValue(), '', 'local without an address is the console’s own server');
  await environment.selectOption('integration');
  assert.equal(await baseUrl.inputValue(), 'https://msg.intspineservices.nhs.uk');
  await page.getByText('The address of the environment chosen above. To use another server, choose Custom.').waitFor();
  await page.getByRole('heading', { level: 2, name: 'Connection', exact: true }).scrollIntoViewIfNeeded();
  await gui.screenshot('settings-environment');

  await environment.selectOption('local');
  assert.equal(await baseUrl.inputValue(), '');
  assert.deepEqual(gui.problems, []);
});

test('plain http:// to another machine is refused, in a sentence naming the field, and nothing is saved', async () => {
  await openSettings();
  const before = savedSettings();
  await page.getByLabel('Environment', { exact: true }).selectOption('custom');
  await page.getByLabel('Base URL').fill('http://mesh.example.org');
  await page.getByRole('button', { name: 'Save connection settings' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'The connection settings were not saved' });
  await refusal.waitFor();
  const sentence = (await refusal.locator('p').textContent()) ?? '';
  assert.match(sentence, /^“Base URL” uses plain http:\/\/, which is allowed only for a MESH server on this machine; use https:\/\/\.$/);
  assert.doesNotMatch(sentence, CLI_WORDS);
  assert.deepEqual(savedSettings(), before, 'the settings file is as it was');
  assert.equal(service.runtime.settings.environment, 'local', 'the console still runs on its local server');
  await page.getByLabel('Environment', { exact: true }).selectOption('local');
});

test('the inbox refresh hint gives the limits the check uses, and the refusal names the field', async () => {
  await openSettings();
  const hint = (await page.locator('#jobs-refresh-hint').textContent()) ?? '';
  assert.match(hint, /^5 to 1440\b/);
  await page.getByLabel('Inbox refresh (minutes)').fill('4');
  await page.getByRole('button', { name: 'Save schedule' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'The schedule was not saved' });
  await refusal.waitFor();
  const sentence = (await refusal.locator('p').textContent()) ?? '';
  assert.match(sentence, /^“Inbox refresh \(minutes\)” must be a whole number of minutes from 5 to 1440; /);
  assert.doesNotMatch(sentence, CLI_WORDS);
  assert.equal(savedSettings()['job_times'], undefined, 'nothing was saved');

  await page.getByLabel('Inbox refresh (minutes)').fill('5');
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await page.getByText('Schedule saved: scheduled jobs are off.').waitFor();
  assert.equal((savedSettings()['job_times'] as { inbox_refresh_minutes?: number }).inbox_refresh_minutes, 5);
});

test('a chosen CA bundle can be taken back to the environment’s default', async () => {
  const local = service.runtime.local;
  assert.ok(local, 'the console runs on its local MESH server');
  const bundle = join(dir, 'local-server-ca.pem');
  const pem = local.server.serverCertificatePem;
  assert.ok(pem, 'the local server has its own certificate');
  writeFileSync(bundle, pem);
  await openSettings();
  const row = page.locator('[data-file-kind="caBundle"]');
  await row.getByText('The environment’s default: the console’s own local server').waitFor();
  assert.equal(await row.getByRole('button', { name: /^Use the environment’s default/ }).count(), 0, 'nothing to take back yet');

  dialogs.willOpen(bundle);
  await row.getByRole('button', { name: /^Choose/ }).click();
  await row.getByText(bundle).waitFor();
  assert.equal(savedSettings()['ca_bundle'], bundle);

  await row.getByRole('button', { name: /^Use the environment’s default/ }).click();
  await row.getByText('The environment’s default: the console’s own local server').waitFor();
  assert.equal(savedSettings()['ca_bundle'], undefined, 'the setting is gone from settings.json');
  assert.equal(service.runtime.settings.caBundle, undefined);
  const result = await service.testConnection();
  assert.equal(result.ok, true, 'the local server is reached with its own certificate again');
});

test('Test connection answers in place and raises no alert; a failed validation is one notice, gone once the mailbox answers', async () => {
  const events: ConsoleEvent[] = [];
  const unsubscribe = service.subscribe((event) => events.push(event));
  try {
    await openSettings();
    const field = page.locator('[data-secret="password"]');
    await page.locator('#secret-password').fill('not-the-password');
    await field.getByRole('button', { name: /^Save/ }).click();
    await field.getByText('Mailbox password saved.').waitFor();

    await page.getByRole('button', { name: 'Test connection', exact: true }).click();
    const failure = page.getByRole('alert').filter({ hasText: 'The connection failed' });
    await failure.waitFor({ timeout: 30_000 });
    assert.doesNotMatch((await failure.locator('p').textContent()) ?? '', CLI_WORDS);
    assert.deepEqual(
      events.filter((e) => e.type === 'alert'),
      [],
      'Test connection raised no alert',
    );
    assert.equal(await mailboxNotices().count(), 0, 'and no notice');

    // Validating from the overview does alert: twice, yet said once.
    await open('Overview');
    const validate = page.getByRole('button', { name: 'Validate mailbox now' });
    await validate.click();
    await mailboxNotices().waitFor();
    const secondAlert = nextEvent((e) => e.type === 'alert' && e.alert === 'mailbox-unreachable');
    await validate.click();
    await secondAlert;
    // Events reach the page in order: once this one shows, the second alert has been taken in too.
    await gui.emit({ type: 'notice', level: 'info', text: 'Marker after the second validation.' });
    await page.getByText('Marker after the second validation.').waitFor();
    assert.equal(await mailboxNotices().count(), 1, 'the same event is said once');
    assert.match((await mailboxNotices().textContent()) ?? '', /MESH mailbox cannot be reached/);
    await gui.screenshot('notice-mailbox-unreachable', { fullPage: true });

    // Fixed: the password cleared (the local server's own), and Test connection succeeds.
    await openSettings();
    await field.getByRole('button', { name: /^Clear/ }).click();
    await field.getByText('Mailbox password cleared.').waitFor();
    assert.equal(await mailboxNotices().count(), 1, 'still there until the mailbox answers');
    await page.getByRole('button', { name: 'Test connection', exact: true }).click();
    const success = page.getByRole('status').filter({ hasText: 'Connected: MESH accepted mailbox X26ABC1 at' });
    await success.waitFor({ timeout: 30_000 });
    await mailboxNotices().waitFor({ state: 'detached' });
    const said = (await success.textContent()) ?? '';
    assert.doesNotMatch(said, ISO_TIME, 'the time reads as words');
    assert.match(said, /at \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}\.$/);
  } finally {
    unsubscribe();
  }
});

test('notices sit above the screen and never cover a button or its content', async () => {
  for (let i = 1; i <= 5; i++) await gui.emit({ type: 'notice', level: i % 2 ? 'warning' : 'info', text: `Notice number ${i}.` });
  // The same words again are said once.
  await gui.emit({ type: 'notice', level: 'info', text: 'Notice number 5.' });
  for (const section of ['Overview', 'Settings', 'DPS exports', 'Send file']) {
    await open(section);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText('Notice number 5.').waitFor();
    assert.equal(await page.getByText('Notice number 5.').count(), 1);
    const covered = await page.evaluate(() => {
      const notices = [...document.querySelectorAll('.app-notice')].map((n) => n.getBoundingClientRect());
      const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      const problems: string[] = [];
      const targets = [...document.querySelectorAll('main button, main h1, main h2, main input, main select, main p, main td, nav button')];
      const shown = targets.filter((element) => {
        const box = element.getBoundingClientRect();
        // NHS checkboxes draw their box on the label, over the real input.
        const drawnByLabel = element instanceof HTMLInputElement && ['checkbox', 'radio'].includes(element.type);
        // checkVisibility: not inside a closed <details>, which keeps a box but is not drawn.
        return !element.closest('.app-notices') && !drawnByLabel && element.checkVisibility() && box.width > 0 && box.height > 0;
      });
      for (const element of shown) {
        if (notices.some((n) => overlaps(n, element.getBoundingClientRect())))
          problems.push(`${element.tagName} “${element.textContent?.trim().slice(0, 40)}” overlaps a notice`);
      }
      for (const element of shown) {
        element.scrollIntoView({ block: 'center' });
        const now = element.getBoundingClientRect();
        const top = document.elementFromPoint(now.left + now.width / 2, now.top + now.height / 2);
        if (top && top !== element && !element.contains(top) && !top.contains(element)) {
          problems.push(
            `${element.tagName}#${element.id} “${element.textContent?.trim().slice(0, 40)}” is under ${top.className || top.tagName}`,
          );
        }
      }
      window.scrollTo(0, 0);
      return problems;
    });
    assert.deepEqual(covered, [], `${section}: nothing is covered`);
    const text = await page.locator('body').innerText();
    assert.doesNotMatch(text, ISO_TIME, `${section}: times read as words`);
  }
  await open('Settings');
  await gui.screenshot('notices-above-screen');
  // Dismissed, a notice goes.
  const fifth = notices().filter({ hasText: 'Notice number 5.' });
  await fifth.getByRole('button', { name: 'Dismiss this notice' }).click();
  await fifth.waitFor({ state: 'detached' });
  assert.deepEqual(gui.problems, []);
});

/** The next event of the service that matches. */
function nextEvent(matches: (event: ConsoleEvent) => boolean): Promise<ConsoleEvent> {
  return new Promise((resolve) => {
    const unsubscribe = service.subscribe((event) => {
      if (!matches(event)) return;
      unsubscribe();
      resolve(event);
    });
  });
}
