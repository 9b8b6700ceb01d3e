import { find, Aggregator, Query, ProcessingMode } from 'mingo'
import { compare } from 'mingo/util'
const docs = [
  { _id: 1, a: 3, b: [1, 2, 3], d: new Date(3) },
  { _id: 2, a: 1, b: [4], d: new Date(1) },
  { _id: 3, a: 2 },
]
console.log(
  find(docs, {}, { b: { $slice: 1 } })
    .sort({ a: -1 })
    .skip(0)
    .limit(2)
    .all(),
)
console.log(find(docs, {}, { _id: 0, a: 1 }).all())
console.log(compare(1, 'a'), compare(new Date(1), 2), compare(null, 1))
console.log(new Aggregator([{ $sortByCount: '$a' }]).run(docs))
console.log(new Aggregator([{ $bucketAuto: { groupBy: '$a', buckets: 2 } }]).run(docs))
console.log(
  new Aggregator([{ $lookup: { from: 'x', localField: 'a', foreignField: 'k', as: 'j' } }], {
    collectionResolver: (n: string) => (n === 'x' ? [{ k: 1, v: 'one' }] : []),
  }).run(docs),
)
console.log(
  new Aggregator([
    {
      $project: { s: { $dateToString: { date: '$d', format: '%Y-%m-%d %H:%M', timezone: 'Asia/Shanghai' } } },
    },
  ]).run(docs),
)
console.log(new Query({ a: { $not: /x/ } }, {}).test({ a: 'y' }))
try {
  console.log(new Aggregator([{ $foo: 1 }]).run(docs))
} catch (e) {
  console.log('E', (e as Error).message)
}
try {
  new Query({ $and: 5 } as any, {}).test({})
} catch (e) {
  console.log('E2', (e as Error).message)
}
console.log(ProcessingMode.CLONE_INPUT)
