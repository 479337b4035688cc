// A saved query in a notebook: a cell that runs its SQL through WORKSPACE_DATABASE_URL.
import * as assert from 'node:assert/strict';
import { savedQuerySnippet } from '../../src/core/notebooks/savedQuerySnippet';

const query = { name: 'Visits by district', slug: 'visits-by-district', sql: "SELECT district, count(*) AS n\n  FROM visits\n WHERE note LIKE '%x' AND seen::date > :since;\n" };

describe('a saved query\'s notebook cell', () => {
  it('in Python reads WORKSPACE_DATABASE_URL and runs the SQL with pandas through SQLAlchemy\'s text()', () => {
    const code = savedQuerySnippet('sqlalchemy', 'RPostgres', query);
    const lines = code.split('\n');
    assert.match(lines[0]!, /^# The saved query "Visits by district" \(visits-by-district\)/);
    assert.ok(lines.includes('engine = create_engine(os.environ["WORKSPACE_DATABASE_URL"])'));
    assert.ok(lines.includes('df = pd.read_sql(text("SELECT district, count(*) AS n\\n  FROM visits\\n WHERE note LIKE \'%x\' AND seen\\\\:\\\\:date > \\\\:since"), engine)'), code);
  });

  it('in R connects with DBI through the URL as libpq reads it, and disconnects', () => {
    const code = savedQuerySnippet('r', 'RPostgreSQL', query);
    assert.ok(code.includes('con <- dbConnect(RPostgreSQL::PostgreSQL(), dbname = Sys.getenv("WORKSPACE_DATABASE_URL"))'));
    assert.ok(code.includes('df <- dbGetQuery(con, "SELECT district, count(*) AS n\\n  FROM visits\\n WHERE note LIKE \'%x\' AND seen::date > :since")'));
    assert.ok(code.includes('dbDisconnect(con)'));
  });

  it('keeps another member\'s query name inside its comment: no line break of any kind gets code out of it', () => {
    for (const flavour of ['sqlalchemy', 'r'] as const) {
      const code = savedQuerySnippet(flavour, 'RPostgres', { ...query, name: 'x\nimport os; os.system("rm -rf ~")\r\u2028\u0085y' });
      const first = code.split(/\r\n|[\n\r\u2028\u2029\u0085]/)[0]!;
      assert.ok(first.startsWith('#') && first.includes('os.system'), first);
      assert.equal(code.split(/\r\n|[\n\r\u2028\u2029\u0085]/).filter((l) => l.includes('os.system')).length, 1);
    }
  });
});
