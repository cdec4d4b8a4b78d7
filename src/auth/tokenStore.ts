// API tokens in VS Code's SecretStorage, one per instance origin. SecretStorage is shared by
// all windows, and `onDidChange` fires in each window when another one changed a token.
import * as vscode from 'vscode';

const keyPrefix = 'canvasSis.token:';

/** Reads, stores and deletes the API token of each Canvas instance. */
export class TokenStore implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<string>();
  private readonly subscription: vscode.Disposable;

  /** Fires with the instance origin whose token was stored or deleted, in this window or another. */
  readonly onDidChangeToken = this.changeEmitter.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key.startsWith(keyPrefix)) {
        this.changeEmitter.fire(event.key.slice(keyPrefix.length));
      }
    });
  }

  async get(origin: string): Promise<string | undefined> {
    const token = await this.secrets.get(keyPrefix + origin);
    return token && token.length > 0 ? token : undefined;
  }

  /** Stores the token and always fires `onDidChangeToken`, even when the value is unchanged. */
  async store(origin: string, token: string): Promise<void> {
    await this.secrets.store(keyPrefix + origin, token);
    this.changeEmitter.fire(origin);
  }

  async delete(origin: string): Promise<void> {
    await this.secrets.delete(keyPrefix + origin);
    this.changeEmitter.fire(origin);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
