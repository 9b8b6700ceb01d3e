export default definePageConfig({
  navigationBarTitleText: '点单派单',
})
