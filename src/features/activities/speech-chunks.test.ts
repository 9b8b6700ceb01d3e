import { chunks } from './speech-chunks'

it('splits long read-aloud text at sentence ends, never past the limit, losing nothing', () => {
  const text = '第一句话。第二句话比较长一些！第三句？' + '很'.repeat(25)
  const parts = chunks(text, 12)
  expect(parts.join('')).toBe(text)
  expect(parts.every((p) => p.length <= 12)).toBe(true)
  expect(parts[0]).toBe('第一句话。')
  expect(chunks('短句。', 300)).toEqual(['短句。'])
  expect(chunks('', 300)).toEqual([])
})
