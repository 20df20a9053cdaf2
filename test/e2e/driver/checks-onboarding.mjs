// First-run guidance as a user sees it: the Clusters view's welcome view when cluster features are
// off (set in the workspace's settings file, as a user would) and its button turning them back on,
// and the "Get Started with Kubesight" walkthrough opened from the command palette.
import { page, step, shot } from './harness.mjs';
import { clusterPane, updateWorkspaceSettings, workspaceSettings } from './workbench.mjs';

export async function onboardingChecks() {
  await step('welcome view: cluster features off -> "Turn On Cluster Features" brings the contexts back', async () => {
    updateWorkspaceSettings({ 'kubesight.cluster.enable': false });
    const t0 = Date.now();
    const { pane, row } = await clusterPane();
    const welcome = pane.locator('.welcome-view-content');
    await welcome.filter({ hasText: 'Cluster features are off' }).waitFor();
    const button = welcome.locator('.monaco-button', { hasText: 'Turn On Cluster Features' });
    await button.waitFor();
    const shown = Date.now() - t0;
    await shot('welcome-view', 'welcome-view');
    await button.click();
    await row('kubesight-e2e').waitFor();
    const after = workspaceSettings();
    if ('kubesight.cluster.enable' in after) throw new Error(`the setting is still there: ${JSON.stringify(after)}`);
    return { welcomeShownMs: shown, contextsBackMs: Date.now() - t0 - shown };
  });

  await step('walkthrough: "Get Started with Kubesight" opens from the command palette with its four steps', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('>Welcome: Open Walkthrough');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Walkthrough' }).first().click();
    await input.fill('Get Started with Kubesight');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Kubesight' }).first().click();
    const container = page.locator('.gettingStartedContainer');
    await container.locator('h2', { hasText: 'Get Started with Kubesight' }).first().waitFor();
    const steps = await container.locator('.getting-started-step .step-title').allInnerTexts();
    for (const want of ['Open an example manifest', 'See what would fail, where it fails', 'Insert an application stack', 'Connect a cluster']) {
      if (!steps.some((s) => s.includes(want))) throw new Error(`no step "${want}" in ${JSON.stringify(steps)}`);
    }
    await page.waitForTimeout(300);
    await shot('walkthrough', 'walkthrough');
    return { steps };
  });
}
