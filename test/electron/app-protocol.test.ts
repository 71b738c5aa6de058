// The renderer's own scheme: app://console/ answers with the built renderer's files and nothing
// else, each with the CSP; a path that climbs out, another host or an unknown type is a 404.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_URL, appFilePath, appResponse, serveApp } from '../../main/electron/app-protocol';

async function rendererFolder(): Promise<{ root: string; renderer: string }> {
  const root = await mkdtemp(join(tmpdir(), 'mesh-console-app-protocol-'));
  const renderer = join(root, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>MESH console</title>');
  await writeFile(join(renderer, 'assets', 'index-abc.js'), 'console.log(1);');
  await writeFile(join(root, 'secrets.json'), '{"password":"x"}');
  return { root, renderer };
}

test('the page and its assets are served with their type and the CSP', async () => {
  const { root, renderer } = await rendererFolder();
  try {
    const page = await appResponse(APP_URL, renderer, "default-src 'self'");
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(page.headers.get('content-security-policy'), "default-src 'self'");
    assert.match(await page.text(), /MESH console/);
    const script = await appResponse('app://console/assets/index-abc.js?v=1#x', renderer, 'csp');
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal((await appResponse('app://console/', renderer, 'csp')).status, 200, 'the root is the page');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('nothing outside the renderer folder, and nothing from another host or scheme', async () => {
  const { root, renderer } = await rendererFolder();
  try {
    for (const url of [
      'app://console/../secrets.json',
      'app://console/%2e%2e/secrets.json',
      'app://console/assets/..%2f..%2fsecrets.json',
      'app://console/assets%2f..%2f..%2fsecrets.json',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://console/missing.js',
      'app://console/assets',
      'app://console/%00.html',
      'app://console/%E0%A4%A.html',
    ]) {
      assert.equal((await appResponse(url, renderer, 'csp')).status, 404, url);
    }
    // A URL's own dots are resolved by the URL itself: they stay inside the renderer folder.
    assert.equal(appFilePath('app://console/../secrets.json', renderer), join(renderer, 'secrets.json'));
    assert.equal(
      appFilePath('app://console/assets/%2e%2e%2f%2e%2e%2fsecrets.json', renderer),
      undefined,
      'encoded ones climb out: refused',
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('serveApp registers the handler for the app scheme', async () => {
  const { root, renderer } = await rendererFolder();
  try {
    const handled: { scheme: string; handler: (request: Request) => Promise<Response> }[] = [];
    serveApp({ handle: (scheme: string, handler: never) => handled.push({ scheme, handler }) } as never, renderer, 'csp');
    assert.equal(handled[0]?.scheme, 'app');
    assert.equal((await handled[0]!.handler(new Request(APP_URL))).status, 200);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
