// The extension's single log: one LogOutputChannel, lines tagged with their component,
// and every registered secret masked before a line is written.
import * as vscode from 'vscode';

import { ClientLogger } from './canvas/client';
import { maskSecrets } from './secretMask';

export type LogComponent = 'activation' | 'http' | 'auth' | 'tree' | 'navigation' | 'diagnostics' | 'settings';

/** Writes tagged, masked lines to the "Canvas SIS" output channel. */
export class Logger implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();

  constructor() {
    this.channel = vscode.window.createOutputChannel('Canvas SIS', { log: true });
  }

  /** Adds a value that must never reach the log, such as an API token. */
  registerSecret(secret: string): void {
    this.secrets.add(secret);
  }

  info(component: LogComponent, message: string): void {
    this.channel.info(this.format(component, message));
  }

  warn(component: LogComponent, message: string): void {
    this.channel.warn(this.format(component, message));
  }

  error(component: LogComponent, message: string, error?: unknown): void {
    const detail = error instanceof Error ? `: ${error.name}: ${error.message}` : error === undefined ? '' : `: ${String(error)}`;
    this.channel.error(this.format(component, `${message}${detail}`));
  }

  debug(component: LogComponent, message: string): void {
    this.channel.debug(this.format(component, message));
  }

  trace(component: LogComponent, message: string): void {
    this.channel.trace(this.format(component, message));
  }

  show(): void {
    this.channel.show(true);
  }

  /** Returns the adapter the Canvas client writes its request lines through. */
  forCanvasClient(): ClientLogger {
    return {
      info: (message) => this.info('http', message),
      warn: (message) => this.warn('http', message),
      debug: (message) => this.debug('http', message),
      trace: (message) => this.trace('http', message),
    };
  }

  dispose(): void {
    this.channel.dispose();
  }

  private format(component: LogComponent, message: string): string {
    return `[${component}] ${maskSecrets(message, this.secrets)}`;
  }
}
