// The built renderer on its own, before any service: it loads under its strict CSP with nothing
// inline, and without a bridge it tells the operator what is wrong instead of showing a blank page.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startGui, stopGuiHarness } from './support/harness';

after(stopGuiHarness);

test('without a bridge the console says it cannot reach its main process, and the CSP holds', { timeout: 120_000 }, async () => {
  const gui = await startGui(null);
  try {
    const { page } = gui;
    await page.getByText('The console cannot reach its main process: restart the application.').first().waitFor();
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Overview');

    const facts = await page.evaluate(() => ({
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
      inlineScripts: document.querySelectorAll('script:not([src])').length,
      styleElements: document.querySelectorAll('style').length,
      styledInMarkup: document.querySelectorAll('[style]:not(.app-grid__row):not(.app-grid__sizer)').length,
      bridge: 'meshConsole' in window,
    }));
    assert.match(facts.csp, /default-src 'self'/);
    assert.match(facts.csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(facts.csp, /unsafe-inline|unsafe-eval/);
    assert.equal(facts.inlineScripts, 0);
    assert.equal(facts.styleElements, 0);
    assert.equal(facts.styledInMarkup, 0);
    assert.equal(facts.bridge, false);

    // An inline script injected now must be refused by the policy.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
    });
    assert.equal(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false), false);
    await page.waitForFunction(() => true);
    assert.ok(
      gui.problems.some((p) => p.startsWith('CSP violation: script-src')),
      `the injected inline script should be reported as a CSP violation; saw: ${gui.problems.join(' | ')}`,
    );
    assert.deepEqual(
      gui.problems.filter((p) => p.startsWith('CSP violation') && !p.includes('script-src')),
      [],
      'the page itself needs nothing the policy forbids',
    );
    await gui.screenshot('no-bridge');
  } finally {
    await gui.close();
  }
});
