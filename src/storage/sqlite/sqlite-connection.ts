import { DatabaseSync } from 'node:sqlite';

/**
 * Opens a connection with the settings every connection to the file needs. WAL lets readers
 * (the logs API) run while a batch commits; synchronous=NORMAL syncs only at checkpoints, which in
 * WAL mode never corrupts the file and makes each commit cheap; the busy timeout makes one
 * connection wait for another's write instead of failing.
 */
export function openSqliteConnection(path: string, options: { walAutocheckpointPages?: number } = {}): DatabaseSync {
  const connection = new DatabaseSync(path);
  connection.exec('PRAGMA journal_mode = WAL');
  connection.exec('PRAGMA synchronous = NORMAL');
  connection.exec('PRAGMA busy_timeout = 5000');
  // 32 MB of page cache: the unique_id and trace indexes take random inserts, which otherwise
  // re-read their pages for every batch.
  connection.exec('PRAGMA cache_size = -32768');
  // After a checkpoint, shrink the WAL file back to at most 64 MB.
  connection.exec('PRAGMA journal_size_limit = 67108864');
  if (options.walAutocheckpointPages !== undefined) connection.exec(`PRAGMA wal_autocheckpoint = ${Math.floor(options.walAutocheckpointPages)}`);
  return connection;
}
