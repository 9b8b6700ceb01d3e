export default definePageConfig({
  navigationBarTitleText: '活动预告海报',
})
