import { Query, Context, update, Aggregator } from 'mingo'
const ctx = Context.init().addQueryOps({
  $foo: (selector: string, value: unknown) => (obj: any) => obj[selector] === value,
} as any)
const q = new Query({ a: { $foo: 3 }, b: { $gt: 1 } }, { context: ctx })
console.log('custom', q.test({ a: 3, b: 2 }), q.test({ a: 3, b: 0 }))
const d: any = { a: [1, 2, 3], n: 1, dt: new Date(5), o: { x: 1 } }
console.log(update(d, { $push: { a: { $each: [9, 0], $position: 0, $sort: 1, $slice: 3 } } }), d.a)
update(d, { $pop: { a: -1 } })
console.log(d.a)
update(d, { $pull: { a: { $gte: 2 } } })
console.log(d.a)
update(d, { $addToSet: { a: { $each: [1, 5, 5] } } })
console.log(d.a)
update(d, { $rename: { n: 'm' } })
console.log(d)
update(d, { $max: { dt: new Date(10) }, $min: { z: 4 } })
console.log(d)
update(d, { $unset: { o: '' }, $inc: { 'q.r': 2 }, $mul: { m: 3 } })
console.log(d)
update(d, { $bit: { m: { or: 4 } } } as any)
console.log(d)
const r = new Aggregator([{ $match: { dt: { $gt: new Date(3) } } }, { $project: { dt: 1 } }]).run([
  d,
  { dt: new Date(1) },
])
console.log(r)
console.log(
  new Query({ s: { $regex: /^ab/i } }, {}).test({ s: 'ABc' }),
  new Query({ s: { $regex: '^ab', $options: 'i' } }, {}).test({ s: 'ABc' }),
)
console.log(new Query({ _id: { $in: ['x'] } }, {}).test({ _id: 'x' }))
console.log(new Query({ a: null }, {}).test({}))
try {
  new Query({ a: { $bogus: 1 } }, {}).test({ a: 1 })
} catch (e) {
  console.log('err', (e as Error).message)
}
