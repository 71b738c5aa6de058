// Where the Audit log screen's parts are, for the audit GUI tests. `page` is asked for at each use:
// the tests open their page in `before`.
import type { Page } from 'playwright';

export function auditScreen(page: () => Page) {
  const grid = () => page().getByRole('grid', { name: 'Audit log' });
  return {
    grid,
    /** The entry rows drawn (the header row left out). */
    rowsShown: () =>
      grid()
        .getByRole('row')
        .filter({ hasNot: page().getByRole('columnheader') }),
    /** The line that says how many entries there are and how many match. */
    countLine: () => page().locator('.app-count'),
  };
}
