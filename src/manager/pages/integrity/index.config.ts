export default definePageConfig({
  navigationBarTitleText: '异常核查',
})
