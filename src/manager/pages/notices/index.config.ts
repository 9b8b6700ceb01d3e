export default definePageConfig({
  navigationBarTitleText: '实践日提醒',
})
