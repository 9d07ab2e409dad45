import { createInstallationsStore } from '../../src/db/installations.store.js';
import { installationsContract } from '../contract/installations.contract.js';
import { createTestDatabase } from '../support/test-db.js';

installationsContract('database', async () => {
  const database = await createTestDatabase();
  return { port: createInstallationsStore(database.db), close: () => database.close() };
});
