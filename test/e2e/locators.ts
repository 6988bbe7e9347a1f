import type { Locator, Page } from '@playwright/test';

/** The value of a labelled fact (a `<dd>` named by its `<dt>`), on the page or inside `scope`. */
export function fact(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('definition', { name: label, exact: true });
}
