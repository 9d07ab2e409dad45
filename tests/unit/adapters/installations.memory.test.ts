import { installationsContract } from '../../contract/installations.contract.js';
import { createMemoryInstallations } from '../../support/memory/installations.memory.js';

installationsContract('in memory', async () => ({
  port: createMemoryInstallations(),
  close: async () => undefined,
}));
