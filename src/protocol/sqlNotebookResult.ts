/** What a SQL cell's output holds, as the notebook renderer reads it (validated there too: a notebook file can hold anything). */
export { SQL_RESULT_MIME, sqlResultSchema, type SqlResult } from '../core/notebooks/sqlCellOutput';
