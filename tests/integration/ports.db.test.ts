import { createStores } from '../../src/db/stores.js';
import { portsContract } from '../contract/ports.contract.js';
import { createTestDatabase } from '../support/test-db.js';

portsContract('database', async () => {
  const database = await createTestDatabase();
  return { stores: createStores({ database }), close: () => database.close() };
});
