// Text a server chose (ids, file names, subjects, error descriptions) made safe to print: a
// control character (C0, DEL, C1: escape sequences that could move the cursor, clear the screen
// or retitle the window) or a bidirectional override (which can make text read backwards) is
// shown as a visible \x.. or \u.... escape instead of being acted on by the terminal.

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control or direction-override character written as a visible escape. */
export function plainText(text: string): string {
  return text.replace(UNSAFE, escape);
}

// What JSON.stringify leaves as it is: DEL, C1 and the direction overrides (it escapes C0 itself).
const UNSAFE_IN_JSON = /[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** JSON.stringify's text with the same characters as \u escapes: still the same JSON value. */
export function plainJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
