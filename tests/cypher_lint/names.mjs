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

const ERROR = 1;

function errorsIn(query) {
  const { diagnostics } = lintCypherQuery(query, { defaultLanguage: 'CYPHER 5' }, { consoleCommandsEnabled: false });
  return diagnostics.filter((d) => d.severity === ERROR && isNotParamError(d)).map((d) => d.message);
}

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
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
  let statements;
  try {
    statements = JSON.parse(await readStdin());
  } catch (e) {
    process.stderr.write(`names.mjs: stdin is not valid JSON: ${e.message}\n`);
    process.exit(2);
  }
  if (!Array.isArray(statements) || !statements.every((s) => typeof s === 'string')) {
    process.stderr.write('names.mjs: expected a JSON array of strings on stdin\n');
    process.exit(2);
  }
  const service = new CypherLanguageService({ consoleCommandsEnabled: false });
  process.stdout.write(JSON.stringify(statements.map((q) => namesOf(service, q))) + '\n');
}

main();
