/**
 * The `vitest` module as the bundled test files see it in the browser. It re-exports the real
 * vitest runner (`@vitest/runner`) and builds `expect` from `@vitest/expect` and chai the way
 * vitest's own `createExpect` does, so `describe.each`, `it.each`, hooks, `.rejects` and the Jest
 * matchers behave exactly as under `vitest run`. Snapshots, `expect.poll`, `bench` and the module
 * mocking half of `vi` are Node-side features the selected test files do not use; they throw.
 */
import { getCurrentTest } from '@vitest/runner';
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  ChaiStyleAssertions,
  GLOBAL_EXPECT,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  chai,
  customMatchers,
  getState,
  setState,
} from '@vitest/expect';
import { fn, spyOn, isMockFunction, restoreAllMocks, clearAllMocks, resetAllMocks } from '@vitest/spy';

export { afterAll, afterEach, beforeAll, beforeEach, describe, it, onTestFailed, onTestFinished, suite, test } from '@vitest/runner';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(ChaiStyleAssertions);
chai.use(JestAsymmetricMatchers);

type Expect = ((value: unknown, message?: string) => Chai.Assertion) & {
  getState(): unknown;
  setState(state: object): void;
  [key: string]: unknown;
};

function createExpect(): Expect {
  const expect = ((value: unknown, message?: string) => {
    const { assertionCalls } = getState(expect as never) as { assertionCalls: number };
    setState({ assertionCalls: assertionCalls + 1 }, expect as never);
    const assertion = chai.expect(value, message) as Chai.Assertion & { withTest(test: unknown): Chai.Assertion };
    const current = getCurrentTest();
    return current ? assertion.withTest(current) : assertion;
  }) as Expect;
  Object.assign(expect, chai.expect);
  Object.assign(expect, (globalThis as Record<PropertyKey, unknown>)[ASYMMETRIC_MATCHERS_OBJECT]);
  expect.getState = () => getState(expect as never);
  expect.setState = (state: object) => setState(state as never, expect as never);
  setState({ assertionCalls: 0, isExpectingAssertions: false, isExpectingAssertionsError: null, expectedAssertionsNumber: null, expectedAssertionsNumberErrorGen: null, testPath: '', currentTestName: '' } as never, expect as never);
  expect.assert = chai.assert;
  expect.extend = (matchers: object) => (chai.expect as unknown as { extend(e: unknown, m: object): void }).extend(expect, matchers);
  expect.soft = (value: unknown, message?: string) => (expect(value, message) as unknown as { withContext(c: object): unknown }).withContext({ soft: true });
  expect.unreachable = (message?: string) => chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`);
  expect.poll = () => {
    throw new Error('expect.poll is not available in the browser test runner.');
  };
  (expect.extend as (m: object) => void)(customMatchers);
  for (const name of ['toMatchSnapshot', 'toMatchInlineSnapshot', 'toMatchFileSnapshot', 'toThrowErrorMatchingSnapshot', 'toThrowErrorMatchingInlineSnapshot']) {
    chai.util.addMethod(chai.Assertion.prototype, name, () => {
      throw new Error(`${name} is not available in the browser test runner: keep snapshot tests in Node-only files.`);
    });
  }
  return expect;
}

export const expect = createExpect();
Object.defineProperty(globalThis, GLOBAL_EXPECT, { value: expect, writable: true, configurable: true });
export const assert = chai.assert;

/** The part of `vi` that needs no module system: spies and mocks. */
export const vi = { fn, spyOn, isMockFunction, restoreAllMocks, clearAllMocks, resetAllMocks };
export const vitest = vi;

export function bench(): never {
  throw new Error('bench is not available in the browser test runner.');
}
