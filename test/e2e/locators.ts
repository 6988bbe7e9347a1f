import type { Locator, Page } from '@playwright/test';

/** The value of a labelled fact on a page (a term/definition pair grouped under the term's name). */
export function fact(page: Page, label: string): Locator {
  return page.getByRole('group', { name: label, exact: true }).getByRole('definition');
}
