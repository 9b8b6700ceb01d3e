/**
 * A node of a rendered page in WeChat's component framework (exparser), read the way a person reads the
 * page: by its text, its aria attributes and its place in the tree (the composed tree, through custom
 * components). Events are dispatched on the exparser node and bubble as on a phone.
 */
import exparser, { type ExparserNode } from 'miniprogram-exparser'
import type { RootComponent } from './j-component'

const camel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())

export class ViewNode {
  private constructor(
    readonly node: ExparserNode,
    readonly parent: ViewNode | null,
  ) {}

  static ofRoot(view: RootComponent): ViewNode {
    return new ViewNode(view._exparserNode, null)
  }

  get id(): string {
    return this.node.id ?? ''
  }

  get tagName(): string {
    return this.node._vt?.tagName ?? ''
  }

  /** A template attribute (`aria-label`, `open-type`, `data-sid` …) as rendered. */
  attr(name: string): unknown {
    const attrs = this.node._vt?.attrs ?? []
    return attrs.find((a) => a.name === name || a.name === camel(name))?.value
  }

  children(): ViewNode[] {
    return (this.node.__wxSlotChildren ?? [])
      .filter((child) => child instanceof exparser.Element)
      .map((child) => new ViewNode(child, this))
  }

  /** Text as read: text nodes run together, elements apart; whitespace collapsed. */
  text(): string {
    return collect(this.node).replace(/\s+/g, ' ').trim()
  }

  /**
   * The first innermost node whose text contains `text` (a string) or matches it (a RegExp, tested against
   * each node's whole text, so /^签到$/ finds a button reading exactly 签到).
   */
  findByText(text: string | RegExp): ViewNode | null {
    const matches = (s: string) => (typeof text === 'string' ? s.includes(text) : text.test(s))
    const search = (node: ViewNode): ViewNode | null => {
      for (const child of node.children()) {
        const inner = search(child)
        if (inner) return inner
      }
      return matches(node.text()) ? node : null
    }
    return search(this)
  }

  find(predicate: (node: ViewNode) => boolean): ViewNode | null {
    if (predicate(this)) return this
    for (const child of this.children()) {
      const found = child.find(predicate)
      if (found) return found
    }
    return null
  }

  findAll(predicate: (node: ViewNode) => boolean): ViewNode[] {
    const out: ViewNode[] = predicate(this) ? [this] : []
    for (const child of this.children()) out.push(...child.findAll(predicate))
    return out
  }

  closest(predicate: (node: ViewNode) => boolean): ViewNode | null {
    if (predicate(this)) return this
    return this.parent ? this.parent.closest(predicate) : null
  }

  /** Dispatches a WeChat event on this node; it bubbles through the composed tree, synchronously. */
  dispatch(name: string, detail: Record<string, unknown>): void {
    exparser.Event.dispatchEvent(
      this.node,
      exparser.Event.create(name, detail, {
        bubbles: true,
        composed: true,
        capturePhase: true,
        extraFields: { touches: [], changedTouches: [] },
      }),
    )
  }
}

const isText = (node: ExparserNode): boolean => node instanceof exparser.TextNode

function collect(node: ExparserNode): string {
  if (isText(node)) return node.textContent ?? ''
  const inner = (node.__wxSlotChildren ?? []).map(collect).join('')
  return node instanceof exparser.Element && !node.__virtual ? ` ${inner} ` : inner
}
