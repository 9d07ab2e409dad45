import { portsContract } from '../../contract/ports.contract.js';
import { createMemoryStores } from '../../support/memory/memory.stores.js';

portsContract('in memory', async () => ({ stores: createMemoryStores(), close: async () => undefined }));
