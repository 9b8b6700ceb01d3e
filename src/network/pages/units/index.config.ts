export default definePageConfig({
  navigationBarTitleText: '单位与专管员',
})
