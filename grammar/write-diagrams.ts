/** `npm run diagrams`: regenerates docs/syntax-diagrams.html from the grammar. */
import { writeFileSync } from 'node:fs';
import { syntaxDiagramsHtml } from './diagrams.js';

writeFileSync('docs/syntax-diagrams.html', syntaxDiagramsHtml());
