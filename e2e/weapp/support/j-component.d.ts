/** The part of j-component (WeChat's custom-component simulator) the harness uses. See j-component.js. */
import type { ExparserNode } from 'miniprogram-exparser'

export interface ComponentDefinition {
  id?: string
  /** a wcc-compiled template function (or WXML text) */
  template: unknown
  usingComponents?: Record<string, string>
  data?: Record<string, unknown>
  properties?: Record<string, { type: unknown; value: unknown }>
  options?: Record<string, unknown>
  methods?: Record<string, (event: unknown) => void>
}

export interface RootComponent {
  readonly data: Record<string, unknown>
  readonly _exparserNode: ExparserNode
  setData(data: Record<string, unknown>): void
  attach(parent: Node): void
  detach(): void
}

declare const jComponent: {
  register(definition: ComponentDefinition): string
  create(id: string): RootComponent
}
export default jComponent
