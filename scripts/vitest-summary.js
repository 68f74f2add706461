// A vitest reporter that ends the run with one plain line, "N passed, N failed, N skipped", for CI logs.
export default class SummaryReporter {
  onTestRunEnd(testModules, unhandledErrors) {
    const count = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state in count) count[state]++;
      }
    }
    count.failed += unhandledErrors.length;
    console.log(`\n${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
  }
}
