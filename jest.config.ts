import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  // One worker per core: jest's default (cores - 1) runs the suites one at a time on two cores.
  maxWorkers: '100%',
});