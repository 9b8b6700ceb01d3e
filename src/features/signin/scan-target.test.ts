import { scanTarget } from './scan-target'

describe('scanTarget', () => {
  it('reads a station code from the launch scene or a plain QR code’s URL', () => {
    expect(scanTarget({ scene: 's%3DQH004' })).toEqual({ kind: 'station', scene: 's=QH004' })
    expect(scanTarget({ scene: 's=QH004' })).toEqual({ kind: 'station', scene: 's=QH004' })
    const url = encodeURIComponent('https://wm.example.cn/#/pages/scan/index?scene=s%3DQH009')
    expect(scanTarget({ q: url })).toEqual({ kind: 'station', scene: 's=QH009' })
  })

  it('reads a volunteer code', () => {
    const token = 'AbCdEfGh0abc1z0123456789-_ABCD'
    expect(scanTarget({ scene: `v%3D${token}` })).toEqual({ kind: 'volunteer', token })
  })

  it('says in words what is wrong with anything else', () => {
    expect(scanTarget({})).toEqual({ kind: 'invalid', message: expect.stringMatching(/没有读到二维码内容/) })
    expect(scanTarget({ scene: 'hello' })).toEqual({
      kind: 'invalid',
      message: expect.stringMatching(/不是文明实践站的二维码/),
    })
    expect(scanTarget({ scene: 's=' })).toEqual({
      kind: 'invalid',
      message: expect.stringMatching(/不完整或已损坏/),
    })
  })
})
