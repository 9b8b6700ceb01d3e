import path from 'node:path'
import type { IPluginContext } from '@tarojs/service'
import ARIA_ATTRIBUTES from './weapp-aria-attributes.json'

/**
 * WeChat reads `aria-role`, `aria-label`, … on view/text/button (base library ≥ 2.7.1, "aria-component"),
 * but Taro's generated base template only passes the attributes it knows, so screen readers would get
 * nothing. This adds them to the template, the way @tarojs/plugin-inject adds component attributes.
 * The runtime's alias table gets them too (weapp-aria-runtime.js), or template and data disagree on every
 * attribute after them. On H5 the same props are ordinary DOM attributes and need nothing (see
 * src/components/a11y.ts).
 */
interface MiniTemplate {
  mergeComponents(ctx: IPluginContext, patch: Record<string, Record<string, string>>): void
}

export default (ctx: IPluginContext) => {
  // Taro calls ctx.onBuildInit(platform) right before the runner builds the base template.
  ctx.registerMethod(
    'onBuildInit',
    (platform: { template?: Partial<MiniTemplate>; runtimePath?: string | string[] }) => {
      const template = platform.template
      if (process.env.TARO_ENV !== 'weapp' || typeof template?.mergeComponents !== 'function') return
      // '' means "no default value": the attribute is bound to the element's prop as is.
      const attrs = Object.fromEntries(ARIA_ATTRIBUTES.map((name) => [name, '']))
      template.mergeComponents(ctx, { View: attrs, Text: attrs, Button: attrs })
      platform.runtimePath = [platform.runtimePath ?? []]
        .flat()
        .concat(path.join(__dirname, 'weapp-aria-runtime.js'))
    },
  )
}
