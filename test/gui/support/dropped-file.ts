// Where on disk the File a page handed over lives, asked of Chromium itself (DevTools protocol
// DOM.getFileInfo): the harness's stand-in for Electron's webUtils.getPathForFile. A File made by
// the page's own script has no path, so the page can never name a file of its choosing.
import type { Page } from 'playwright';

/** The path of the File the bridge put in `window.__meshConsoleDropped`, or '' when it has none. */
export function droppedFilePath(page: Page): Promise<string> {
  return pathOfPageFile(page, '__meshConsoleDropped');
}

/** The path of the File held in `window[name]`, or '' when it is not a File from disk. */
export async function pathOfPageFile(page: Page, name: string): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = (await cdp.send('Runtime.evaluate', { expression: `window[${JSON.stringify(name)}]` })) as {
      result: { objectId?: string; className?: string };
    };
    if (!result.objectId || result.className !== 'File') return '';
    const { path } = (await cdp.send('DOM.getFileInfo', { objectId: result.objectId })) as { path: string };
    return path;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
