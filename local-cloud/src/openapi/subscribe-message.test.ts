import { checkDataEntry, keywordType, validateSend } from './subscribe-message'

describe('keyword value rules', () => {
  const valid: [string, string][] = [
    ['thing1', '二十个字以内的活动名称可以包含数字12和字母ab'.slice(0, 20)],
    ['thing1', 'Volunteer day #3'],
    ['number2', '12.5'],
    ['number2', '1'.repeat(32)],
    ['letter3', 'ABCdef'],
    ['symbol4', '%&*'],
    ['character_string5', 'ORDER-2025-0001'],
    ['time6', '15:01'],
    ['time6', '2019年10月1日 15:01'],
    ['time6', '2025-03-08 09:00~11:30'],
    ['time6', '2025-03-08 09:00 ~ 2025-03-09 11:30'],
    ['date7', '2019年10月1日'],
    ['date7', '2025-02-28 15:01'],
    ['date7', '2025-03-08~2025-03-09'],
    ['amount8', '¥12.30元'],
    ['amount8', '30'],
    ['phone_number9', '+86-0766-66888866'],
    ['car_number10', '粤A8Z888挂'],
    ['name11', '张三'],
    ['name11', 'Li Lei'],
    ['phrase12', '配送中'],
    ['enum13', '已完成'],
  ]
  it.each(valid)('accepts %s = %p', (key, value) => {
    expect(checkDataEntry(key, { value })).toBeUndefined()
  })

  const invalid: [string, string][] = [
    ['thing1', '一'.repeat(21)],
    ['number2', '1'.repeat(33)],
    ['number2', '十二'],
    ['letter3', 'abc1'],
    ['symbol4', '%%%%%%'],
    ['symbol4', 'a!'],
    ['character_string5', '订单123'],
    ['character_string5', 'x'.repeat(33)],
    ['time6', '3点'],
    ['time6', '24:00'],
    ['time6', '2019年13月1日 15:01'],
    ['date7', '15:01'],
    ['date7', '2025-02-30'],
    ['amount8', '¥12345678901'],
    ['amount8', '十元'],
    ['phone_number9', '1'.repeat(18)],
    ['phone_number9', 'call me'],
    ['car_number10', '粤A8Z888挂12'],
    ['car_number10', 'A粤8Z888'],
    ['name11', '一'.repeat(11)],
    ['name11', 'a'.repeat(21)],
    ['name11', 'Agent 007'],
    ['phrase12', '配送中了吗呀'],
    ['phrase12', 'ok'],
  ]
  it.each(invalid)('rejects %s = %p and names the field', (key, value) => {
    expect(checkDataEntry(key, { value })).toBe(`argument invalid! data.${key}.value invalid`)
  })

  it('reports an empty value and an unknown keyword type', () => {
    expect(checkDataEntry('thing1', { value: '' })).toBe('argument invalid! data.thing1.value is empty')
    expect(checkDataEntry('thing1', {})).toBe('argument invalid! data.thing1.value is empty')
    expect(checkDataEntry('thing1', { value: 12 })).toBe('argument invalid! data.thing1.value invalid')
    expect(checkDataEntry('title', { value: 'x' })).toMatch(/data\.title/)
  })

  it('reads the type from the key prefix', () => {
    expect(keywordType('thing12')).toBe('thing')
    expect(keywordType('character_string3')).toBe('character_string')
    expect(keywordType('thing')).toBeUndefined()
  })
})

describe('validateSend', () => {
  const base = { touser: 'oUser', template_id: 'TPL_1', data: { thing1: { value: '活动' } } }

  it('accepts a minimal message and optional query strings on the page', () => {
    const r = validateSend({ ...base, page: 'pages/activity/detail?id=1&from=notice' }, undefined)
    expect(r).toMatchObject({
      ok: true,
      send: { touser: 'oUser', templateId: 'TPL_1', page: 'pages/activity/detail?id=1&from=notice' },
    })
  })

  it('checks the page against the known pages only when they are given', () => {
    expect(validateSend({ ...base, page: 'pages/x/y' }, undefined).ok).toBe(true)
    expect(validateSend({ ...base, page: 'pages/x/y' }, ['pages/index/index']).ok).toBe(false)
  })

  it('rejects an empty data object with 47003', () => {
    const r = validateSend({ ...base, data: {} }, undefined)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'json', body: { errcode: 47003 } })
  })
})
