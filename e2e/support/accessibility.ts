import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** One axe finding worth failing on: the rule, its impact and the elements it names. */
export interface SeriousViolation {
  rule: string;
  impact: 'serious' | 'critical';
  help: string;
  /** Each failing element as `<css target>: <axe's reason>` (contrast ratios and colours). */
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules plus axe's best practices) on the whole page
 * as it is now and resolves to its serious and critical violations, each with the CSS targets of
 * the failing elements. Minor and moderate findings are left out, and so are Tabster's focus
 * guards (`<i data-tabster-dummy tabindex=0 aria-hidden>` around Fluent toolbars, menus and
 * dialogs): focusable and hidden on purpose, they only pass focus on, and flagging them by
 * aria-hidden-focus is Fluent's known false positive (microsoft/tabster#288).
 */
export async function seriousViolations(page: Page): Promise<SeriousViolation[]> {
  await settleAnimations(page);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .exclude('[data-tabster-dummy]')
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact as 'serious' | 'critical',
      help: v.help,
      targets: v.nodes.map(
        (n) =>
          `${n.target.join(' ')}: ${[...n.any, ...n.all][0]?.message ?? ''} ${n.html.slice(0, 80)}`,
      ),
    }));
}

/**
 * Resolves once every finite animation and transition on the page has finished (a dialog's
 * enter fade, a button's colour transition), so axe measures the colours the user ends up
 * seeing rather than a frame half-way through. Endless ones (spinners, indeterminate bars)
 * are left running.
 */
async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/**
 * Asserts (softly, so one run reports every screen) that the page as it is now has no serious or
 * critical axe violation; the failure message names the screen, each rule and the elements it
 * failed on.
 */
export async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const found = await seriousViolations(page);
  expect
    .soft(
      found.map((v) => `${v.impact} ${v.rule} (${v.help}): ${v.targets.slice(0, 5).join(' | ')}`),
      `axe on "${screen}"`,
    )
    .toEqual([]);
}
