/**
 * Query, aggregation and write-result semantics where the platform's database (TCB, MongoDB
 * underneath) answers differently from mingo's defaults. The expectations are the platform's own
 * answers, as recorded by TencentCloudBase's admin SDK test suite against a real environment.
 */
import { sdk, startHarness, type Harness } from './testing/harness'

let h: Harness

beforeAll(async () => {
  h = await startHarness({
    indexes: [
      { collection: 'students', indexes: [] },
      { collection: 'passages', indexes: [] },
      { collection: 'articles', indexes: [] },
      { collection: 'notes', indexes: [] },
    ],
  })
  await h.db.insertMany('students', [
    { _id: 's1', birthday: '1999/12/12', firstName: 'Yuanxin', lastName: 'Dong' },
    { _id: 's2', birthday: '1998/11/11', firstName: 'Weijia', lastName: 'Wang' },
    { _id: 's3', birthday: '1997/10/10', firstName: 'Chengxi', lastName: 'Li' },
  ])
  await h.db.insertMany('passages', [
    { _id: 'p1', category: 'Web', tags: ['JavaScript', 'C#'] },
    { _id: 'p2', category: 'Web', tags: ['Go', 'C#'] },
    { _id: 'p3', category: 'Life', tags: ['Go', 'Python', 'JavaScript'] },
    { _id: 'p4', category: 'number', tags: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
    { _id: 'p5', category: 'embedded', tags: [{ value: 1 }, { value: 7 }] },
    { _id: 'p6', category: 'float', tags: ['Go', 'Python', 'JavaScript'] },
  ])
  await h.db.insertMany('articles', [{ _id: 'a1', date: new Date(1557826731686) }])
})

afterAll(async () => {
  await h.close()
})

describe('aggregation expression operators', () => {
  it('$indexOfCP in $project counts code points', async () => {
    const $ = h.wx.command.aggregate
    const res = await sdk(
      h.wx
        .collection('students')
        .aggregate()
        .sort({ _id: 1 })
        .project({ _id: 0, aStrIndex: $.indexOfCP(['$firstName', 'a']) })
        .end(),
    )
    expect(res.list).toEqual([{ aStrIndex: 2 }, { aStrIndex: 5 }, { aStrIndex: -1 }])
  })

  it('$indexOfCP counts a character outside the BMP as one, with start and end', async () => {
    await h.db.insertMany('notes', [{ _id: 'cp', text: '😀心谭a心' }])
    const $ = h.wx.command.aggregate
    const res = await sdk(
      h.wx
        .collection('notes')
        .aggregate()
        .match({ _id: 'cp' })
        .project({
          _id: 0,
          a: $.indexOfCP(['$text', 'a']),
          heart: $.indexOfCP(['$text', '心', 2]),
          none: $.indexOfCP(['$text', '心', 0, 1]),
          bytes: $.indexOfBytes(['$text', 'a']),
        })
        .end(),
    )
    expect(res.list).toEqual([{ a: 3, heart: 4, none: -1, bytes: 10 }])
  })

  it('$substr and $substrBytes with a negative length return the rest of the string', async () => {
    const $ = h.wx.command.aggregate
    const res = await sdk(
      h.wx
        .collection('students')
        .aggregate()
        .sort({ _id: 1 })
        .project({
          _id: 0,
          year: $.substr(['$birthday', 0, 4]),
          month: $.substrBytes(['$birthday', 5, 2]),
          day: $.substr(['$birthday', 8, -1]),
          dayBytes: $.substrBytes(['$birthday', 8, -1]),
        })
        .end(),
    )
    expect(res.list).toEqual([
      { year: '1999', month: '12', day: '12', dayBytes: '12' },
      { year: '1998', month: '11', day: '11', dayBytes: '11' },
      { year: '1997', month: '10', day: '10', dayBytes: '10' },
    ])
  })

  it('$week counts Sunday-based weeks as MongoDB does (not the ISO week)', async () => {
    const $ = h.wx.command.aggregate
    const res = await sdk(
      h.wx
        .collection('articles')
        .aggregate()
        .project({ _id: 0, week: $.week('$date'), isoWeek: $.isoWeek('$date') })
        .end(),
    )
    // 2019-05-14 (a Tuesday): Sunday-based week 19, ISO week 20.
    expect(res.list).toEqual([{ week: 19, isoWeek: 20 }])
    const edges = [
      ['2019-01-01T00:00:00Z', 0], // a Tuesday before the year's first Sunday
      ['2019-01-06T00:00:00Z', 1], // the first Sunday
      ['2017-01-01T12:00:00Z', 1], // a year starting on a Sunday
      ['2016-12-31T23:59:59Z', 52],
      ['2020-12-31T00:00:00Z', 52],
    ] as const
    await h.db.insertMany(
      'notes',
      edges.map(([iso], i) => ({ _id: `w${i}`, at: new Date(iso) })),
    )
    const weeks = await sdk(
      h.wx
        .collection('notes')
        .aggregate()
        .match({ _id: h.wx.command.in(edges.map((_e, i) => `w${i}`)) })
        .sort({ _id: 1 })
        .project({ _id: 0, week: $.week('$at') })
        .end(),
    )
    expect(weeks.list.map((d) => d.week)).toEqual(edges.map(([, w]) => w))
  })
})

describe('query operators on arrays of embedded documents', () => {
  const categories = async (where: object): Promise<string[]> =>
    (await sdk(h.wx.collection('passages').where(where).get())).data.map((d) => d.category as string)

  it('elemMatch with a field condition matches only elements that are documents', async () => {
    const _ = h.wx.command
    expect(await categories({ tags: _.elemMatch({ value: _.gt(0) }) })).toEqual(['embedded'])
    expect(await categories({ tags: _.elemMatch(_.gt(2)) })).toEqual(['number'])
  })

  it('exists and mod inside elemMatch match only the array of embedded documents', async () => {
    const _ = h.wx.command
    expect(await categories({ tags: _.elemMatch({ value: _.exists(true) }) })).toEqual(['embedded'])
    expect(await categories({ tags: _.elemMatch({ value: _.mod(4, 3) }) })).toEqual(['embedded'])
    expect((await categories({ tags: _.exists(true) })).length).toBe(6)
  })
})

describe('jsonSchema', () => {
  it('filters with _.jsonSchema and _.nor([jsonSchema])', async () => {
    // wx-server-sdk's typings omit jsonSchema; @cloudbase/database has it.
    const _ = h.wx.command as typeof h.wx.command & { jsonSchema(schema: object): object }
    const passages = h.wx.collection('passages')
    const all = await sdk(passages.where(_.jsonSchema({ required: ['category'] })).get())
    expect(all.data).toHaveLength(6)
    const none = await sdk(passages.where(_.nor([_.jsonSchema({ required: ['category'] })])).get())
    expect(none.data).toHaveLength(0)
    const typed = await sdk(
      passages
        .where(
          _.jsonSchema({
            required: ['tags'],
            properties: { tags: { bsonType: 'array', items: { bsonType: 'object' } } },
          }),
        )
        .get(),
    )
    expect(typed.data.map((d) => d.category)).toEqual(['embedded'])
    const count = await sdk(passages.where(_.jsonSchema({ required: ['missing'] })).count())
    expect(count.total).toBe(0)
  })
})

describe('values', () => {
  it('stores { $timestamp: seconds } in data as a date', async () => {
    const seconds = 1557826731
    const notes = h.wx.collection('notes')
    const added = await sdk(notes.add({ data: { at: { $timestamp: seconds } } }))
    const { data } = await sdk(notes.doc(added._id).get())
    expect(data.at).toBeInstanceOf(Date)
    expect(data.at.getTime()).toBe(seconds * 1000)
  })
})

describe('write results', () => {
  it('set() of the same data right after add() reports updated: 1 (a replace counts the match)', async () => {
    const notes = h.wx.collection('notes')
    const data = { title: 'same', n: 1 }
    const added = await sdk(notes.add({ data }))
    const set = await sdk(notes.doc(added._id).set({ data }))
    expect(set.stats).toEqual({ updated: 1, created: 0 })
    // A no-op update (merge) modifies nothing and says so, as MongoDB's nModified does.
    const noop = await sdk(notes.doc(added._id).update({ data: { n: 1 } }))
    expect(noop.stats.updated).toBe(0)
  })
})
