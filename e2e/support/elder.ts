import type { Page } from 'playwright-core'
import { axeViolations } from './axe'
import { ELDER_LIMITS, measureSizes, sizeProblems } from './sizes'

/** A resident page in elder mode: 18 px text, line height 1.3, 60 px targets, no sideways scroll, axe clean. */
export async function expectElderFriendly(page: Page): Promise<void> {
  expect(sizeProblems(await measureSizes(page), ELDER_LIMITS)).toEqual([])
  expect(await axeViolations(page)).toEqual([])
}
