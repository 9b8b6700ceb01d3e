import { renderDocument } from './render-layer'
import { reportConsoleError, takeConsoleErrors } from './console-guard'

// the render layer (j-component, exparser) and the test's own process report here too
const original = console.error
beforeAll(() => {
  console.error = (...args: unknown[]) => {
    reportConsoleError('test process', args)
    original(...args)
  }
})
afterAll(() => {
  console.error = original
})

afterEach(() => {
  expect(takeConsoleErrors()).toEqual([])
})

afterAll(() => {
  renderDocument.defaultView?.close()
})
