import type { IPluginContext } from '@tarojs/service'

/**
 * WeChat reads `aria-role`, `aria-label`, … on view/text/button (base library ≥ 2.7.1, "aria-component"),
 * but Taro's generated base template only passes the attributes it knows, so screen readers would get
 * nothing. This adds them to the template, the way @tarojs/plugin-inject adds component attributes.
 * On H5 the same props are ordinary DOM attributes and need nothing (see src/components/a11y.ts).
 */
const ARIA_ATTRIBUTES = [
  'aria-role',
  'aria-label',
  'aria-live',
  'aria-hidden',
  'aria-checked',
  'aria-pressed',
  'aria-level',
  'aria-busy',
] as const

interface MiniTemplate {
  mergeComponents(ctx: IPluginContext, patch: Record<string, Record<string, string>>): void
}

export default (ctx: IPluginContext) => {
  // Taro calls ctx.onBuildInit(platform) right before the runner builds the base template.
  ctx.registerMethod('onBuildInit', (platform: { template?: Partial<MiniTemplate> }) => {
    const template = platform.template
    if (process.env.TARO_ENV !== 'weapp' || typeof template?.mergeComponents !== 'function') return
    // '' means "no default value": the attribute is bound to the element's prop as is.
    const attrs = Object.fromEntries(ARIA_ATTRIBUTES.map((name) => [name, '']))
    template.mergeComponents(ctx, { View: attrs, Text: attrs, Button: attrs })
  })
}
