import { startTestCloud } from '../../../../core/server/testing/function-cloud'
test('probe', async () => {
  const t = await startTestCloud({ maxInstances: 6 })
  try {
    let s = Date.now()
    for (let k = 1; k <= 6; k++) {
      await Promise.all(Array.from({ length: k }, (_, i) => t.as('w' + i).call('activities', 'listWeek', { scope: { kind: 'unit', unitId: 'u-qh-s01' } })))
    }
    console.log('ramp', Date.now() - s)
    s = Date.now()
    const r2 = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => t.as('v' + i).call('activities', 'listWeek', { scope: { kind: 'unit', unitId: 'u-qh-s01' } })))
    console.log('100', Date.now() - s, r2.filter((x) => x.status === 'rejected').length)
    console.log(JSON.stringify(t.cloud.stats()))
  } finally { await t.stop() }
})
