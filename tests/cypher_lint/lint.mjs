// Lint Cypher statements with Neo4j's own linter (@neo4j-cypher/language-support,
// the engine behind Neo4j's VS Code extension and Workspace editor).
//
// stdin:  a JSON array of strings, one Cypher query each (a string may itself
//         hold several `;`-separated statements).
// stdout: a JSON array of the same length; item i is
//           {"errors":   [{"message", "line", "column", "offset"}...],
//            "warnings": [...same shape...],
//            "internalError": "..."   // only if the linter itself crashed
//           }
//         line and column are 1-based; offset is 0-based into the query string.
// exit:   0 when the input was read (whatever the lint results), 2 on bad input.
//
// Only diagnostics of severity Error (1) count as errors. "Parameter $x is not
// defined." is dropped: parameters are bound at run time, and the linter is
// given no parameter list. No schema is given either, so unknown labels,
// properties, functions and procedures are not reported (the first three would
// only be warnings anyway). Console commands (:param, :use ...) are errors,
// because the driver cannot run them. The Cypher version defaults to
// "CYPHER 5", the language of Neo4j 5.26; a query may pick one with a
// `CYPHER 25` prefix, as on the server.
import { lintCypherQuery, isNotParamError } from '@neo4j-cypher/language-support';
import { readStatements } from './statements.mjs';

const ERROR = 1;
const WARNING = 2;

function shape(d) {
  return {
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    offset: d.offsets ? d.offsets.start : null,
  };
}

function lintOne(query, dbSchema) {
  try {
    const { diagnostics } = lintCypherQuery(query, dbSchema, { consoleCommandsEnabled: false });
    const relevant = diagnostics.filter(isNotParamError);
    return {
      errors: relevant.filter((d) => d.severity === ERROR).map(shape),
      warnings: relevant.filter((d) => d.severity === WARNING).map(shape),
    };
  } catch (e) {
    return { errors: [], warnings: [], internalError: String(e && e.stack ? e.stack : e) };
  }
}

async function main() {
  const statements = await readStatements('lint.mjs');
  const dbSchema = { defaultLanguage: 'CYPHER 5' };
  const results = statements.map((q) => lintOne(q, dbSchema));
  process.stdout.write(JSON.stringify(results) + '\n');
}

main();
