import { openConsoleDriver } from './console.driver.js';
import { platformContract } from './platform.contract.js';

platformContract(openConsoleDriver);
