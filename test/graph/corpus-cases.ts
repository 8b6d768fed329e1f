/**
 * The playbooks with data that graph-level tests run over: the reference playbooks (over the bundled
 * example or the Maven data beside the repository) and every passing conformance folder.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A playbook and the folder of its data, both absolute paths. */
export interface CorpusCase {
  name: string;
  playbook: string;
  data: string;
}

/**
 * key-account and maven-crm-2017, `extra` reference playbooks over the bundled key-account example
 * (file names under playbooks/, without `.playbook`), then test/conformance/* (not `fail-*`);
 * a case whose playbook or data is missing (the Maven data outside a checkout) is left out.
 */
export function corpusCases(extra: readonly string[] = []): CorpusCase[] {
  const ka = join(ROOT, 'examples/key-account');
  const out: CorpusCase[] = [
    { name: 'key-account', playbook: join(ROOT, 'playbooks/key-account.playbook'), data: ka },
    ...extra.map((name) => ({ name, playbook: join(ROOT, `playbooks/${name}.playbook`), data: ka })),
    { name: 'maven-crm-2017', playbook: join(ROOT, 'playbooks/maven-crm-2017.playbook'), data: join(ROOT, '../shared/data/maven-crm') },
  ];
  const corpus = join(ROOT, 'test/conformance');
  for (const dir of readdirSync(corpus).sort()) {
    const playbook = join(corpus, dir, 'scheme.playbook');
    if (dir.startsWith('fail-') || !existsSync(playbook)) continue;
    out.push({ name: `conformance/${dir}`, playbook, data: join(corpus, dir) });
  }
  return out.filter((c) => existsSync(c.data) && existsSync(c.playbook));
}
