// The demo and the UI tests start VS Code with a fake Canvas. They pass its address and token in
// CANVAS_SIS_DEMO_URL and CANVAS_SIS_DEMO_TOKEN, which the extension reads only outside
// production mode (extension development host and tests).
import { TokenStore } from './auth/tokenStore';
import { normalizeInstanceUrl } from './canvas/instanceUrl';
import { Logger } from './log';
import { addInstanceSetting, readInstances } from './settings';

/** Stores the demo token and adds the demo instance when the environment names them. */
export async function storeDevelopmentToken(tokens: TokenStore, log: Logger): Promise<void> {
  const url = process.env.CANVAS_SIS_DEMO_URL;
  const token = process.env.CANVAS_SIS_DEMO_TOKEN;
  if (!url || !token) {
    return;
  }

  log.registerSecret(token);
  const origin = normalizeInstanceUrl(url);
  if (!readInstances().some((instance) => instance.origin === origin)) {
    await addInstanceSetting(origin, process.env.CANVAS_SIS_DEMO_NAME || undefined);
  }

  if ((await tokens.get(origin)) !== token) {
    await tokens.store(origin, token);
  }

  log.info('activation', `Using the development token for ${origin}.`);
}
