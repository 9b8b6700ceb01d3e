/**
 * Accessibility attributes for Taro's View/Text/Button, written once for both targets: WeChat names the role
 * `aria-role` (aria-component, base library ≥ 2.7.1; config/plugins/weapp-aria.ts lets them through Taro's
 * template), the browser names it `role`.
 */
import { platform } from '@/lib/env'

export type A11yRole =
  'button' | 'switch' | 'status' | 'alert' | 'heading' | 'list' | 'listitem' | 'group' | 'main'

export interface A11yOptions {
  role?: A11yRole
  label?: string
  live?: 'polite' | 'assertive'
  /** heading level */
  level?: 1 | 2 | 3
  checked?: boolean
  pressed?: boolean
  hidden?: boolean
}

export type A11yAttributes = Record<string, string | number | undefined>

export function a11y(options: A11yOptions): A11yAttributes {
  const attributes: A11yAttributes = {
    [platform() === 'h5' ? 'role' : 'aria-role']: options.role,
    'aria-label': options.label,
    'aria-live': options.live,
    'aria-level': options.level,
    'aria-checked': options.checked === undefined ? undefined : String(options.checked),
    'aria-pressed': options.pressed === undefined ? undefined : String(options.pressed),
    'aria-hidden': options.hidden ? 'true' : undefined,
  }
  for (const key of Object.keys(attributes)) if (attributes[key] === undefined) delete attributes[key]
  return attributes
}
