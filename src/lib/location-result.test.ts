import { classifyLocationError } from './location-result'

test.each([
  ['getLocation:fail auth deny', 'denied'],
  ['getLocation:fail:auth denied', 'denied'],
  ['getLocation:fail privacy permission is not authorized', 'denied'],
  ['getLocation:fail system permission denied', 'denied'],
  ['getLocation:fail:ERROR_NOCELL&WIFI_LOCATIONSWITCHOFF', 'unavailable'],
  ['getLocation:fail timeout', 'unavailable'],
  [undefined, 'unavailable'],
])('%p → %s', (errMsg, reason) => {
  expect(classifyLocationError(errMsg)).toBe(reason)
})
