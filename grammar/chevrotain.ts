/**
 * Chevrotain, loaded from its single-file bundle. The package's main entry is
 * hundreds of small modules and takes about 0.4 s of CPU to load; the bundle
 * the same package ships (`lib/chevrotain.min.mjs`, same version) loads in
 * about 0.07 s, which keeps `playbook check` quick in an editor or a hook.
 * Types still come from the package's own declarations.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Chevrotain from 'chevrotain';

const entry = createRequire(import.meta.url).resolve('chevrotain');
const bundle = (await import(pathToFileURL(join(dirname(entry), '..', 'chevrotain.min.mjs')).href)) as typeof Chevrotain;

export const { createToken, Lexer, CstParser, tokenMatcher, createSyntaxDiagramsCode, LLkLookaheadStrategy } = bundle;
