import { a11y } from './a11y'

const original = process.env.TARO_ENV

afterEach(() => {
  process.env.TARO_ENV = original
})

test('on H5 the role is the DOM role attribute', () => {
  process.env.TARO_ENV = 'h5'
  expect(a11y({ role: 'switch', checked: true, label: '长辈模式' })).toEqual({
    role: 'switch',
    'aria-checked': 'true',
    'aria-label': '长辈模式',
  })
})

test("on WeChat the role is aria-role (the mini-program's name for it)", () => {
  process.env.TARO_ENV = 'weapp'
  expect(a11y({ role: 'heading', level: 1 })).toEqual({ 'aria-role': 'heading', 'aria-level': 1 })
})

test('leaves out what is not given, so no empty attributes reach the page', () => {
  process.env.TARO_ENV = 'h5'
  expect(a11y({})).toEqual({})
  expect(a11y({ pressed: false, hidden: false })).toEqual({ 'aria-pressed': 'false' })
})
