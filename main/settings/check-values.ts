// Checks of single values, shared by the sections of the settings: yes/no, mailbox ids, web
// addresses and PEMs (text or a file's path). Each problem is one sentence through the reader.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { notAMailboxId, parseMailboxId } from '../domain';
import type { SettingReader, Value } from './setting-reader';
import type { SettingWords } from './setting-words';

export function parseBoolean(reader: SettingReader, setting: string, value: Value<boolean | string> | undefined): boolean | undefined {
  if (!value) return undefined;
  if (typeof value.value === 'boolean') return value.value;
  const word = value.value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(word)) return true;
  if (['0', 'false', 'no', 'off'].includes(word)) return false;
  reader.fail(setting, value, (w) => `${w.subject(setting, value)} must be true or false.`);
}

export function checkMailbox(reader: SettingReader, setting: string, value: Value<string> | undefined): string | undefined {
  if (!value) return undefined;
  const id = parseMailboxId(value.value);
  if (!id) reader.fail(setting, value, (w) => notAMailboxId(value.value, w.subject(setting, value)));
  return id;
}

export function checkUrl(reader: SettingReader, setting: string, value: Value<string>, example: string): URL {
  const it = (w: SettingWords) => w.subject(setting, value);
  let url: URL;
  try {
    url = new URL(value.value.trim());
  } catch {
    reader.fail(setting, value, (w) => `${it(w)} is not a web address; give one like ${example}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    reader.fail(setting, value, (w) => `${it(w)} must start with https://, like ${example}.`);
  }
  if (url.username || url.password) {
    reader.fail(setting, value, (w) => `${it(w)} must not carry a user name or password; give the address alone, like ${example}.`);
  }
  if (url.search || url.hash) {
    reader.fail(setting, value, (w) => `${it(w)} must not have a query or fragment (? or #); give the address alone, like ${example}.`);
  }
  return url;
}

/** A PEM setting: PEM text, or a path (relative paths from the file are relative to the data folder). */
export function checkPem(
  reader: SettingReader,
  setting: string,
  value: Value<string> | undefined,
  base: string,
  what: string,
  secret: boolean,
): string | undefined {
  if (!value) return undefined;
  const it = (w: SettingWords) => w.subject(setting, value);
  const text = value.value.trim();
  if (text.startsWith('-----BEGIN')) return text + '\n';
  if (text.includes('-----BEGIN')) {
    reader.fail(
      setting,
      value,
      (w) => `${it(w)} looks like PEM text that does not start with its -----BEGIN line; give the whole PEM or a file's path.`,
    );
  }
  if (secret && /\s/.test(text) && !existsSync(text)) {
    // Never repeat what might be a mangled key.
    reader.fail(setting, value, (w) => `${it(w)} is neither PEM text nor the path of a file; give the ${what}'s PEM file path.`);
  }
  const path = isAbsolute(text) ? text : resolve(value.source === 'file' ? base : process.cwd(), text);
  let isFile = false;
  // A secret setting's value is never repeated, not even as a path: it may be a mangled key.
  const shown = secret ? 'a file' : path;
  try {
    isFile = statSync(path).isFile();
  } catch {
    reader.fail(setting, value, (w) => `${it(w)} names ${shown}, which does not exist; give the path of the ${what} (PEM).`);
  }
  if (!isFile) reader.fail(setting, value, (w) => `${it(w)} names ${shown}, which is not a file; give the path of the ${what} (PEM).`);
  return path;
}
