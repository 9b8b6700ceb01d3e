/**
 * The runtime half of weapp-aria.ts, imported by the app entry before any page renders (Taro's runtimePath).
 * Taro's hydrate names each prop by an alias table computed from internalComponents (`p<n>`, attributes in
 * sorted order); the template names them from its own copy. Both must hold the aria-* attributes, or every
 * attribute sorted after one of them (a button's disabled, open-type …) reaches the wrong template
 * attribute. Plain ES5: this file is bundled as written.
 */
import { mergeInternalComponents } from '@tarojs/shared'
import ARIA_ATTRIBUTES from './weapp-aria-attributes.json'

function ariaAttributes() {
  return ARIA_ATTRIBUTES.reduce(function (attrs, name) {
    attrs[name] = ''
    return attrs
  }, {})
}

mergeInternalComponents({ View: ariaAttributes(), Text: ariaAttributes(), Button: ariaAttributes() })
