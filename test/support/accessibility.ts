// axe-core on a page as it stands (issue #16: zero serious or critical violations on the main pages),
// against WCAG 2.1 A and AA.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Each serious or critical violation on the page, named with `where` and the first elements it hits. */
export async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join('; ')}`,
    );
}

/** How far the page reaches past the window's width (0: no sideways scrolling). */
export const overflow = async (page: Page) =>
  (await page.evaluate<number>('document.documentElement.scrollWidth')) -
  (await page.evaluate<number>('window.innerWidth'));
