export default definePageConfig({
  navigationBarTitleText: '星级审核',
})
