/** `INSERT INTO table (columns) VALUES ($1, $2), ($3, $4), ...`: the values are always parameters. */
export function insertStatement(quotedTable: string, columnList: string, rowCount: number, width: number): string {
  const placeholders = Array.from({ length: rowCount }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
  return `INSERT INTO ${quotedTable} (${columnList}) VALUES ${placeholders.join(', ')}`;
}
