import { openDiscordDriver } from './discord.driver.js';
import { platformContract } from './platform.contract.js';

platformContract(openDiscordDriver);
