// The start-up warm-up (core/features/warm-up.ts) runs in idle time only: a file opened while it
// runs is diagnosed first, and the warm-up still finishes afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './client';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: Web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

test('a file opened during the warm-up is diagnosed before the warm-up ends', async () => {
  const client = new LspClient();
  try {
    const events: string[] = [];
    const warmedUp = client.notification<{ message: string }>('window/logMessage', (p) => p.message.startsWith('kubesight: warmed up')).then((p) => {
      events.push('warmed up');
      return p.message;
    });
    await client.initialize();
    const uri = 'file:///warm-up/web.yaml';
    const diagnostics = client.diagnostics(uri).then((p) => {
      events.push('diagnostics');
      return p.diagnostics;
    });
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: DEPLOYMENT } });
    const found = await diagnostics;
    assert.ok(found.some((d) => d.code === 'name-format' && d.range.start.line === 3), JSON.stringify(found));
    const message = await warmedUp;
    assert.deepEqual(events, ['diagnostics', 'warmed up']);
    assert.match(message, /^kubesight: warmed up in \d+ ms of idle time \(\d+ steps\)$/);
  } finally {
    await client.close();
  }
});
