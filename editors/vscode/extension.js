// Starts `playbook lsp` (from the playbook-engine package of the open folder) for .playbook files.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration('playbook').get('command');
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  client = new LanguageClient(
    'playbook',
    'Playbook',
    { command, args, options: { cwd, shell: process.platform === 'win32' } },
    { documentSelector: [{ language: 'playbook' }] },
  );
  context.subscriptions.push({ dispose: () => client?.stop() });
  return client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
