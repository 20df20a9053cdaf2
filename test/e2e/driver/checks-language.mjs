// The checks on workspace files, answered by the language server, in the order they run:
// diagnostics and the quick fix on deployment.yaml's typo, hover and the three completions (a
// Deployment's spec:, a new containers item, a ConfigMap name from another file), the
// k8s-deployment snippet, and the immutable-field diagnostic against git HEAD.
import { page, step, shot, mark, text, timings, csStarted, TIMEOUT } from './harness.mjs';
import { editor, exact, token, openFile, undoUntil, problems, suggestions } from './workbench.mjs';

export async function languageChecks() {
  await step('diagnostics: squiggle and Problems entries in broken deployment.yaml', async () => {
    await openFile('deployment.yaml', 'imagePullPolcy');
    await editor.locator('.squiggly-error').first().waitFor();
    mark('firstDiagnosticVisible');
    if (!Number.isNaN(csStarted)) timings.codeServerStartToFirstDiagnostic = Date.now() - csStarted;
    await page.locator('#status\\.problems').click(); // opens the Problems panel
    const panel = page.locator('.markers-panel');
    const want = [
      ['schema/unknown-field', 'unknown field "spec.template.spec.containers[0].imagePullPolcy" (did you mean "imagePullPolicy"?)', 'Ln 20, Col 11'],
      ['selector-mismatch', '`selector` does not match template `labels`', 'Ln 15, Col 14'],
    ];
    const rows = [];
    for (const [rule, message, where] of want) {
      const row = panel.locator('.monaco-list-row', { hasText: message }).first();
      await row.waitFor();
      const t = text(await row.innerText()).replace(/\n/g, ' ');
      // innerText of a marker row: "<message> kubesight <rule> [Ln l, Col c]" (shown as kubesight(rule))
      if (!t.includes(`kubesight ${rule}`) || !t.includes(where)) throw new Error(`unexpected Problems row for ${rule}: ${t}`);
      rows.push(t);
    }
    const squiggles = await editor.locator('.squiggly-error').count();
    await page.waitForTimeout(300);
    await shot('1-diagnostics', 'diagnostics');
    await page.locator('#status\\.problems').click(); // close the panel again
    return { squiggles, rows };
  });

  await step('quick fix: Change to "imagePullPolicy" on the typo', async () => {
    if (!(await page.locator('.tabs-container .tab.active', { hasText: 'deployment.yaml' }).isVisible())) await openFile('deployment.yaml', 'imagePullPolcy');
    await editor.locator('.squiggly-error').first().waitFor();
    const before = await editor.locator('.squiggly-error').count();
    const menu = page.locator('.action-widget');
    const fix = menu.locator('.monaco-list-row.action[aria-label="Change to \\"imagePullPolicy\\""]');
    // Under load (CI ran it after the unit tests) the menu once came up without the fix and stayed
    // so: the request is asked again, up to three times, and the fix must be there in the end.
    for (let attempt = 1; ; attempt++) {
      await token('imagePullPolcy').click();
      await page.keyboard.press('Control+.');
      try {
        await fix.waitFor({ timeout: attempt < 3 ? 15000 : TIMEOUT });
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
        await page.keyboard.press('Escape');
      }
    }
    const actions = await menu.locator('.monaco-list-row.action').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
    if (!(await fix.getAttribute('class')).includes('focused')) throw new Error(`the typo fix is not the preferred (first) action: ${JSON.stringify(actions)}`);
    await page.waitForTimeout(300);
    await shot('1b-quick-fix');
    await page.keyboard.press('Enter');
    await editor.locator('.view-line', { hasText: 'imagePullPolicy: Always' }).waitFor();
    const body = text(await editor.locator('.view-lines').innerText());
    if (body.includes('imagePullPolcy')) throw new Error(`the typo is still there: ${body}`);
    // The server checked the new text: the typo's error squiggle is gone.
    const deadline = Date.now() + TIMEOUT;
    let after = before;
    while ((after = await editor.locator('.squiggly-error').count()) >= before) {
      if (Date.now() > deadline) throw new Error(`still ${after} error squiggles (before the fix: ${before})`);
      await page.waitForTimeout(250);
    }
    return { actions, squiggles: { before, after } };
  });

  await step('hover: schema description of spec.minReadySeconds', async () => {
    await openFile('app.yaml', 'minReadySeconds');
    await page.mouse.move(5, 5);
    await token('minReadySeconds').hover();
    const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents', { hasText: 'minReadySeconds' }).first();
    await hover.waitFor();
    const t = text(await hover.innerText()).trim();
    // The target Kubernetes version is named (the cluster's or the newest bundled: both 1.35 here).
    for (const part of ['spec.minReadySeconds', 'integer', 'Minimum number of seconds for which a newly created pod should be ready', 'Kubernetes 1.35 (']) {
      if (!t.includes(part)) throw new Error(`hover lacks "${part}": ${t}`);
    }
    // So is the status bar, for the active file.
    const target = page.locator('.statusbar-item', { hasText: 'K8s 1.35' }).first();
    await target.waitFor();
    await page.waitForTimeout(300); // hover fade-in
    await shot('2-hover', 'hover');
    await page.mouse.move(5, 5);
    return { hover: t.split('\n')[0], statusBar: text(await target.innerText()).trim() };
  });

  await step('completion: schema keys inside spec: of a Deployment', async () => {
    await token('minReadySeconds').click();
    await page.keyboard.press('Home'); // to the first non-blank character
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Backspace'); // the line is now "  " inside spec:
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    const { labels } = await suggestions();
    for (const key of ['replicas', 'strategy', 'minReadySeconds']) {
      if (!labels.some((l) => l?.startsWith(`${key}, `))) throw new Error(`no "${key}" in ${JSON.stringify(labels)}`);
    }
    if (labels.some((l) => /^(selector|template), /.test(l ?? ''))) throw new Error(`keys already present are offered: ${labels}`);
    await page.waitForTimeout(300);
    await shot('3-completion', 'completion');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z'); // put the line back
    return { suggestions: labels.slice(0, 8) };
  });

  await step('completion: container keys on a new item of containers', async () => {
    await openFile('complete.yaml', 'new container');
    // Our server has parsed the file once the breadcrumbs (its document symbols) name the Deployment.
    await editor.locator('.view-line', { hasText: 'image: registry.example.com' }).click();
    await page.locator('.breadcrumbs-control', { hasText: 'Deployment api' }).first().waitFor();
    await editor.locator('.view-line', { hasText: '# new container' }).locator('span span').last().click();
    await page.keyboard.press('Home'); // to the `#`
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('- '); // the comment becomes a new, empty item of containers
    await editor.locator('.view-line', { hasText: /^\s{8}-\s*$/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    const { labels } = await suggestions();
    for (const key of ['name', 'image', 'args', 'env', 'ports']) {
      if (!labels.some((l) => l?.startsWith(`${key}, `))) throw new Error(`no "${key}" in ${JSON.stringify(labels)}`);
    }
    if (!labels[0]?.startsWith('name, ')) throw new Error(`the required key "name" is not first: ${JSON.stringify(labels)}`);
    await page.waitForTimeout(300);
    await shot('3b-completion-container');
    await page.keyboard.press('Escape');
    await undoUntil('# new container');
    return { suggestions: labels.slice(0, 8) };
  });

  await step('completion: ConfigMap name from another file in configMapRef', async () => {
    const line = editor.locator('.view-line', { hasText: 'name: shop-config' });
    await line.locator('span span', { hasText: exact('name') }).click();
    await page.keyboard.press('End');
    for (let i = 0; i < 'shop-config'.length; i++) await page.keyboard.press('Backspace');
    await editor.locator('.view-line', { hasText: /^\s+name:\s*$/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    const { widget, labels } = await suggestions();
    const item = labels.find((l) => l?.startsWith('shop-config, '));
    if (!item) throw new Error(`no ConfigMap "shop-config" in ${JSON.stringify(labels)}`);
    // The focused proposal shows its detail: where the ConfigMap is defined.
    const focused = widget.locator('.monaco-list-row.focused');
    for (let i = 0; i < labels.length && !(await focused.innerText()).startsWith('shop-config'); i++) await page.keyboard.press('ArrowDown');
    // The detail is rendered after the row (it waits for the item's resolve): give it a moment.
    await focused.filter({ hasText: 'in config.yaml' }).waitFor({ timeout: 10_000 }).catch(() => {});
    const detail = text(await focused.innerText()).replace(/\n/g, ' ');
    if (detail !== 'shop-config ConfigMap in config.yaml') throw new Error(`the proposal does not say it comes from config.yaml: ${detail}`);
    await page.waitForTimeout(300);
    await shot('3c-completion-configmap');
    await page.keyboard.press('Enter');
    await editor.locator('.view-line', { hasText: 'name: shop-config' }).waitFor();
    return { item, detail, suggestions: labels.slice(0, 5) };
  });

  await step('snippet: k8s-deployment expands to a Deployment without errors', async () => {
    await openFile('scratch.yaml', 'e2e fixture');
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('k8s-deploy', { delay: 20 });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    const { widget, labels } = await suggestions();
    const first = labels[0] ?? '';
    if (!first.startsWith('k8s-deployment, ')) throw new Error(`first suggestion is not the snippet: ${JSON.stringify(labels)}`);
    await widget.locator('.monaco-list-row.focused', { hasText: 'k8s-deployment' }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape'); // leave snippet mode (placeholders)
    await editor.locator('.view-lines', { hasText: 'livenessProbe' }).waitFor();
    const body = text(await editor.locator('.view-lines').innerText());
    for (const line of ['apiVersion: apps/v1', 'kind: Deployment', '  replicas: 2', '          image: registry.example.com/app:1.0.0', '              containerPort: 8080']) {
      if (!body.split('\n').includes(line)) throw new Error(`expanded text lacks "${line}": ${body}`);
    }
    // The breadcrumbs come from our server's document symbols: once they name the new Deployment the
    // server has parsed the expanded text; then give its diagnostics a moment to arrive.
    await page.locator('.breadcrumbs-control', { hasText: 'Deployment app' }).first().waitFor();
    await page.waitForTimeout(1500);
    const errors = await editor.locator('.squiggly-error').count();
    if (errors) throw new Error(`${errors} error squiggles after the snippet`);
    await shot('4-snippet');
    return { lines: body.split('\n').length };
  });

  await step('immutable field: editing the committed Job\'s image', async () => {
    await openFile('job.yaml', 'migrate-1-4-2');
    const image = 'image: registry.example.com/shop/api:1.4.2';
    await editor.locator('.view-line', { hasText: image }).locator('span span', { hasText: exact('image') }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('3'); // 1.4.2 -> 1.4.3, not saved: the server compares with git HEAD
    await editor.locator('.view-line', { hasText: 'api:1.4.3' }).waitFor();
    // The Problems panel lists every open file's entries (a long list, rendered only in part): filter it.
    const panel = await problems();
    const filter = page.locator('input[aria-label="Filter Problems"]');
    await filter.fill('job.yaml');
    try {
      const row = panel.locator('.monaco-list-row', { hasText: 'field is immutable' }).first();
      await row.waitFor();
      const t = text(await row.innerText()).replace(/\n/g, ' ');
      for (const part of ['spec.template: Invalid value:', 'field is immutable (compared with git HEAD)', 'kubesight immutable-field', 'Ln 14, Col 11']) {
        if (!t.includes(part)) throw new Error(`Problems row lacks "${part}": ${t}`);
      }
      await editor.locator('.squiggly-error').first().waitFor();
      await page.waitForTimeout(300);
      await shot('4b-immutable');
      // Undone, the file equals HEAD again and the entry goes away.
      await undoUntil(image);
      await row.waitFor({ state: 'detached' });
      return { row: t };
    } finally {
      await filter.fill('');
      if (await panel.isVisible()) await page.locator('#status\\.problems').click(); // close the panel
    }
  });
}
