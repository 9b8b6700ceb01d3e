/** Pure rules of activities (每周活动预告): status words, week grouping, validation, read-aloud text. */
export * from './form'
export * from './read-aloud'
export * from './status'
export * from './types'
export * from './validation'
export * from './week'
