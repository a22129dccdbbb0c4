// The statements a script of this folder reads: a JSON array of strings on stdin, or exit 2 saying what is wrong.

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

export async function readStatements(script) {
  let statements;
  try {
    statements = JSON.parse(await readStdin());
  } catch (e) {
    process.stderr.write(`${script}: stdin is not valid JSON: ${e.message}\n`);
    process.exit(2);
  }
  if (!Array.isArray(statements) || !statements.every((s) => typeof s === 'string')) {
    process.stderr.write(`${script}: expected a JSON array of strings on stdin\n`);
    process.exit(2);
  }
  return statements;
}
