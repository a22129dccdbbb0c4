// The procedures and functions each statement calls, as Neo4j's Cypher front end
// (@neo4j-cypher/language-support, its parser) names them: namespace parts joined by ".".
//
// stdin:  a JSON array of strings, one Cypher query each.
// stdout: a JSON array of the same length; item i is
//           {"functions": [name...], "procedures": [name...], "errors": [message...]}
//         where errors are the linter's errors for the statement in Cypher 5 (as lint.mjs reports
//         them): a server would run none of a statement with any. (In Cypher 25 the linter misses
//         some, e.g. an unclosed string.)
import { CypherLanguageService, isNotParamError, lintCypherQuery } from '@neo4j-cypher/language-support';
import { readStatements } from './statements.mjs';

const ERROR = 1;

function errorsIn(query) {
  const { diagnostics } = lintCypherQuery(query, { defaultLanguage: 'CYPHER 5' }, { consoleCommandsEnabled: false });
  return diagnostics.filter((d) => d.severity === ERROR && isNotParamError(d)).map((d) => d.message);
}

function namesOf(service, query) {
  try {
    const out = { functions: [], procedures: [], errors: errorsIn(query) };
    for (const statement of service.parse(query).statementsParsing) {
      out.functions.push(...statement.collectedFunctions.map((f) => f.name));
      out.procedures.push(...statement.collectedProcedures.map((p) => p.name));
    }
    return out;
  } catch (e) {
    return { functions: [], procedures: [], errors: [], internalError: String(e && e.stack ? e.stack : e) };
  }
}

async function main() {
  const statements = await readStatements('names.mjs');
  const service = new CypherLanguageService({ consoleCommandsEnabled: false });
  process.stdout.write(JSON.stringify(statements.map((q) => namesOf(service, q))) + '\n');
}

main();
