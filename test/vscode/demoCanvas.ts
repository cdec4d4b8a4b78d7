// The fake Canvas server with its demo data, plus the VS Code settings and environment that point
// the extension at it. Shared by the UI test and the demo.

export interface DemoCanvas {
  /** For example `http://127.0.0.1:8910`. */
  readonly baseUrl: string;
  /** The API token that the fake server accepts for the demo user. */
  readonly token: string;
  /** User settings that list the fake server as the only Canvas instance. */
  readonly userSettings: Record<string, unknown>;
  /**
   * Environment for code-server or VS Code, inherited by the extension host. The command palette
   * runs `canvasSis.setToken` without its (url, token) arguments, so a UI test cannot set the token
   * that way. Instead the extension reads CANVAS_SIS_DEMO_URL and CANVAS_SIS_DEMO_TOKEN at
   * activation and stores that token for that instance, as the command would. It does so only in
   * development mode, so installed copies of the extension ignore both variables.
   */
  readonly extensionHostEnv: Record<string, string>;
  close(): Promise<void>;
}

export const demoInstanceName = 'Northwind (demo)';

/**
 * Starts the fake Canvas on 127.0.0.1 (on `port`, or a free port when omitted). Returns undefined
 * when test/fake-canvas/server.ts does not exist, and throws when the server fails to start.
 */
export async function startDemoCanvas(port?: number): Promise<DemoCanvas | undefined> {
  let fakeCanvas: typeof import('../fake-canvas/server');
  let tokens: typeof import('../fake-canvas/tokens');
  try {
    fakeCanvas = await import('../fake-canvas/server');
    tokens = await import('../fake-canvas/tokens');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') {
      throw error;
    }
    console.warn(`The fake Canvas server could not be loaded: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }

  const server = await fakeCanvas.startFakeCanvas(port === undefined ? {} : { port });
  const token = tokens.DEMO_TOKEN;

  return {
    baseUrl: server.baseUrl,
    token,
    userSettings: { 'canvasSis.instances': [{ url: server.baseUrl, name: demoInstanceName }] },
    extensionHostEnv: { CANVAS_SIS_DEMO_URL: server.baseUrl, CANVAS_SIS_DEMO_TOKEN: token },
    close: async () => {
      await server.close();
    },
  };
}
