import { expect } from 'chai';
import { ConfigurationError } from '../../src/config/configuration-error.js';

/** The ConfigurationError `attempt` throws; fails the test when it throws another error or none. */
export function refusalOf(attempt: () => unknown, what = 'configuration'): ConfigurationError {
  try {
    attempt();
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error(`expected the ${what} to be refused`);
}
