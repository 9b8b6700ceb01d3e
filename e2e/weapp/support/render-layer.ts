/**
 * The render layer: WeChat's own template compiler (wcc, from miniprogram-compiler) and component framework
 * (miniprogram-exparser through j-component) over a jsdom document. The app's code never runs here; it runs
 * in the logic layer (logic-layer.ts) and reaches this side only through setData and events, as JSON, the
 * way WeChat passes them between its two threads.
 */
import { JSDOM } from 'jsdom'

const dom = new JSDOM('<!doctype html><html><body></body></html>')

/** What j-component and exparser read from the global scope (they expect a browser). */
class Touch {
  constructor(init: Record<string, unknown>) {
    Object.assign(this, init)
  }
}
const globals = {
  window: dom.window,
  document: dom.window.document,
  Node: dom.window.Node,
  HTMLElement: dom.window.HTMLElement,
  Event: dom.window.Event,
  CustomEvent: dom.window.CustomEvent,
  TouchEvent: dom.window.TouchEvent,
  Touch,
}
Object.assign(globalThis, globals)

export const renderDocument = dom.window.document
