import { parseScene, sceneFrom, scanUrl, stationScene, volunteerScene, SCENE_MAX_LENGTH } from './scene'

const TOKEN = 'AbCdEfGh0abc1z0123456789-_ABCD'

describe('scene format', () => {
  it('round-trips a station code and a volunteer token', () => {
    for (const code of ['QH004', 'a', 'X'.repeat(30), 'u-qh_s01']) {
      expect(parseScene(stationScene(code))).toEqual({ kind: 'station', unitCode: code })
    }
    expect(parseScene(volunteerScene(TOKEN))).toEqual({ kind: 'volunteer', token: TOKEN })
  })

  it('stays within 32 characters from WeChat’s scene alphabet', () => {
    const longest = [stationScene('Z'.repeat(30)), volunteerScene(TOKEN)]
    for (const scene of longest) {
      expect(scene.length).toBeLessThanOrEqual(SCENE_MAX_LENGTH)
      expect(scene).toMatch(/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/)
    }
    expect(volunteerScene(TOKEN)).toHaveLength(32)
  })

  it('refuses to build a scene that would not fit or would need escaping', () => {
    expect(() => stationScene('X'.repeat(31))).toThrow(RangeError)
    expect(() => stationScene('幸福里')).toThrow(RangeError)
    expect(() => stationScene('')).toThrow(RangeError)
    expect(() => volunteerScene('short')).toThrow(RangeError)
  })

  it('decodes a scene WeChat hands over URL-encoded, once or twice', () => {
    expect(parseScene('s%3DQH004')).toEqual({ kind: 'station', unitCode: 'QH004' })
    expect(parseScene('s%253DQH004')).toEqual({ kind: 'station', unitCode: 'QH004' })
    expect(parseScene('  s=QH004 ')).toEqual({ kind: 'station', unitCode: 'QH004' })
  })

  it.each([
    ['', 'empty'],
    [undefined, 'empty'],
    ['s=' + 'X'.repeat(31), 'too_long'],
    ['s=幸福里', 'bad_characters'],
    ['s=QH 004', 'bad_characters'],
    ['x=QH004', 'unknown_kind'],
    ['QH004', 'unknown_kind'],
    ['s=', 'bad_code'],
    ['s=QH.004', 'bad_code'],
    ['v=tooShort', 'bad_code'],
    ['%E0%A4%A', 'bad_characters'],
  ])('says what is wrong with %p', (raw, reason) => {
    expect(parseScene(raw)).toEqual({ kind: 'invalid', reason })
  })
})

describe('sceneFrom', () => {
  it('reads the launch scene of a mini-program code', () => {
    expect(sceneFrom({ scene: 's%3DQH004' })).toBe('s=QH004')
  })

  it('reads a plain QR code opened through its URL (q)', () => {
    const url = scanUrl('https://wm.example.cn/', 's=QH004')
    expect(sceneFrom({ q: encodeURIComponent(url) })).toBe('s=QH004')
  })

  it('reads what scanCode returns: a mini-program path, an H5 URL or the bare scene', () => {
    expect(sceneFrom({ result: '*', path: 'pages/scan/index?scene=s%3DQH004' })).toBe('s=QH004')
    expect(sceneFrom({ result: 'http://127.0.0.1:5000/#/pages/scan/index?scene=v%3D' + TOKEN })).toBe(
      'v=' + TOKEN,
    )
    expect(sceneFrom({ result: 's=QH009' })).toBe('s=QH009')
    expect(sceneFrom({})).toBe('')
  })
})

describe('scanUrl', () => {
  it('builds the H5 address of the scan page with the encoded scene', () => {
    expect(scanUrl('http://127.0.0.1:5000', 's=QH004')).toBe(
      'http://127.0.0.1:5000/#/pages/scan/index?scene=s%3DQH004',
    )
    expect(scanUrl('http://h/app/#/pages/index/index', 's=A')).toBe(
      'http://h/app/#/pages/scan/index?scene=s%3DA',
    )
  })
})
