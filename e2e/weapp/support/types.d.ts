/** The parts of WeChat's npm packages the harness uses (they ship no TypeScript types). */
declare module 'miniprogram-compiler' {
  /** WeChat's wcc over a folder: the body of a function that returns `$gwx`. */
  export function wxmlToJs(rootPath: string, options?: { wxmlList?: string[]; wxsList?: string[] }): string
}

declare module 'miniprogram-exparser' {
  export interface ExparserNode {
    id?: string
    textContent?: string
    __virtual?: boolean
    __wxSlotChildren?: ExparserNode[]
    _vt?: { tagName: string; attrs: { name: string; value: unknown }[] }
  }
  export interface ExparserEvent {
    readonly type: string
  }
  const exparser: {
    Element: abstract new () => ExparserNode
    TextNode: abstract new () => ExparserNode
    Event: {
      create(
        name: string,
        detail: Record<string, unknown>,
        options: {
          bubbles: boolean
          composed: boolean
          capturePhase: boolean
          extraFields: Record<string, unknown>
        },
      ): ExparserEvent
      dispatchEvent(target: ExparserNode, event: ExparserEvent): void
    }
  }
  export default exparser
}
