import { startHarness, sdk } from '../testing/harness'
async function main() {
  const h = await startHarness()
  try {
    await sdk(h.wx.collection('nope').aggregate().match({ a: 1 }).end())
  } catch (e) {
    console.log(e, (e as any).errCode)
  }
  await h.close()
}
main()
