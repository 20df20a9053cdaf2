// Drives a running code-server (with the Kubesight .vsix installed) in headless Chromium via
// playwright-core and checks, on DOM text, what a user sees:
//   diagnostics  broken deployment.yaml -> error squiggle + Problems rows "kubesight(schema)" etc.
//   quick fix    Ctrl+. on the `imagePullPolcy` typo -> 'Change to "imagePullPolicy"' -> the text changes
//   hover        `minReadySeconds` in app.yaml -> the schema description
//   completion   Ctrl+Space on an empty line inside a Deployment's `spec:` -> replicas, strategy, ...;
//                on a new `- ` item of `containers:` -> name, image, ...; on a configMapRef `name:`
//                -> the ConfigMap defined in config.yaml
//   snippet      `k8s-deployment` + Enter in scratch.yaml -> a full Deployment, no error squiggle
//   immutable    editing the committed Job's image in job.yaml -> Problems "kubesight(immutable-field)"
//                "field is immutable (compared with git HEAD)"; undo -> the entry goes away
//   cluster view Kubesight activity-bar container, "Clusters" view, context -> demo -> Workloads
//                -> Deployments -> `web` "3/3 ready" (served by the Kubernetes API test server)
//   open YAML    clicking `web` opens a read-only editor with the live Deployment, no managedFields;
//                Config -> Secrets -> `db-credentials` shows its values masked, never the seeded value
//   live status  live.yaml: CodeLens above each object's `kind:` line (`not in cluster`,
//                `3/3 ready · 1 field differs`, `failed: CrashLoopBackOff`), the drift mark
//                `live: nginx:1.27.3`, and the "Why isn't it ready?" hover on worker's `kind:` line
//   shell        Open Shell on a web pod -> a terminal over exec; a typed `echo` prints its output
//   events       Show Events on demo -> the events view lists the seeded BackOff warning
//   welcome      cluster features off in the workspace settings -> the Clusters view's welcome view;
//                its "Turn On Cluster Features" button brings the context back
//   walkthrough  "Welcome: Open Walkthrough" -> "Get Started with Kubesight" with its four steps
//   offline      the page made no request outside loopback
// One ok/FAIL line per check, last line "N passed, N failed", exit 0 only if all passed.
// Runs in a folder outside the repo that has playwright-core installed (test/e2e/run.mjs sets it up),
// with these modules of test/e2e/driver/ beside it:
//   harness.mjs          environment, timings, results, step(), shot(), launchBrowser() (the page)
//   workbench.mjs        locators and actions in the workbench (editor, explorer, Problems, suggestions)
//   checks-language.mjs  diagnostics, quick fix, hover, completion, snippet, immutable field
//   checks-cluster.mjs   Clusters view, Open YAML, masked Secret, live-status lenses and hover
//   checks-streams.mjs   Open Shell (exec in a terminal) and Show Events
//   checks-onboarding.mjs  the Clusters view's welcome view and the walkthrough
//   network-guard.mjs    the record of non-loopback requests and the offline check
//
// Environment: CS_URL (http://127.0.0.1:8765), WS (workspace folder), SHOTS (screenshots +
//   result.json), DOCS_SHOTS (if set: also write the README pictures there), E2E_RUN (reads
//   code-server.started-ms), CHROMIUM (/usr/bin/chromium), E2E_TIMEOUT_MS (per wait, 60000),
//   E2E_ONLY (a regular expression: only the checks whose names match run, plus the workbench load;
//   for working on one check, since later checks rely on what earlier ones opened).
import fs from 'node:fs';
import path from 'node:path';
import { CS_URL, WS, SHOTS, t0, timings, results, mark, step, launchBrowser, page } from './harness.mjs';
import { locateEditor, explorerRow } from './workbench.mjs';
import { languageChecks } from './checks-language.mjs';
import { clusterChecks } from './checks-cluster.mjs';
import { onboardingChecks } from './checks-onboarding.mjs';
import { streamChecks } from './checks-streams.mjs';
import { external, recordExternalRequests, offlineCheck } from './network-guard.mjs';

const browser = await launchBrowser();
recordExternalRequests();
locateEditor();

await step('workbench loads with Kubesight installed', async () => {
  await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS)}`);
  await page.locator('.monaco-workbench').waitFor();
  await explorerRow('deployment.yaml').waitFor();
  await page.locator('.activitybar .action-item .action-label[aria-label="Kubesight"]').waitFor();
  mark('workbenchReady');
});

await languageChecks();
await clusterChecks();
await streamChecks();
await onboardingChecks();
await offlineCheck();

await browser.close();
timings.total = Date.now() - t0;
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
fs.writeFileSync(path.join(SHOTS, 'result.json'), JSON.stringify({ timings, results, external }, null, 2));
console.log('timings (ms):', JSON.stringify(timings));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
