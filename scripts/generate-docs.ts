// `npm run docs`: writes docs/rules.md. test/docs.test.ts fails when the file is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderRulesDoc } from './rules-doc';

mkdirSync('docs', { recursive: true });
writeFileSync('docs/rules.md', renderRulesDoc());
console.log('docs/rules.md written');
