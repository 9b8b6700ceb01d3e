export default definePageConfig({
  navigationBarTitleText: '本周活动',
})
