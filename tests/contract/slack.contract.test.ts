import { platformContract } from './platform.contract.js';
import { openSlackDriver } from './slack.driver.js';

platformContract(openSlackDriver);
