/**
 * The files a run reads: the playbook, and with `--data` every table file the
 * playbook names in that folder. A run must never write over one of them.
 */
import { join } from 'node:path';
import type { RuleGraph } from '../../graph/nodes.js';

/** One file a run reads, with the words that name it in a message. */
export interface InputFile {
  /** The path the run opens. */
  path: string;
  /** How a message names it: `the playbook this run reads (plan.playbook)`. */
  described: string;
}

/** The playbook file, as an input. */
export function playbookInput(playbook: string): InputFile {
  return { path: playbook, described: `the playbook this run reads (${playbook})` };
}

/**
 * Every file a run of `graph` reads: the playbook, then (when `dataDir` is given)
 * each table's file in the data folder, where the data loader opens it.
 */
export function filesRead(playbook: string, graph: RuleGraph | null, dataDir?: string): InputFile[] {
  const inputs = [playbookInput(playbook)];
  if (graph && dataDir !== undefined) {
    for (const t of graph.tables) inputs.push({ path: join(dataDir, t.file), described: `${t.file}, the file this run reads for table ${t.name}` });
  }
  return inputs;
}
