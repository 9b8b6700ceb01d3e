import { readFontSettings } from './read-font-settings'
import { isLargeFont, useElderMode } from './store'

/** At launch: a larger WeChat font turns elder mode on, unless the reader chose otherwise. */
export function followSystemFont(): void {
  useElderMode.getState().setSystemLargeFont(isLargeFont(readFontSettings()))
}
