export default definePageConfig({
  navigationBarTitleText: '加减积分',
})
