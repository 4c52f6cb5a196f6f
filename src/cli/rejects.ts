import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { FunnelError } from '../errors.js';
import type { RejectedRow } from '../run/pipeline.js';

const COLUMNS = ['file', 'line', 'code', 'field', 'value', 'reason'];

/**
 * Streams every rejected row to a CSV file (file,line,code,field,value,reason), written to a temp
 * file beside it and renamed on close. Cells that start like a formula are neutralised.
 */
export class RejectsWriter {
  private readonly tmp: string;
  private readonly stream: WriteStream;
  private failed: Error | null = null;

  constructor(private readonly path: string) {
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    this.stream = createWriteStream(this.tmp);
    this.stream.on('error', (err) => (this.failed = err));
    this.stream.write(stringify([COLUMNS]));
  }

  add(row: RejectedRow): void {
    this.stream.write(
      stringify([[row.file, row.line, row.code, row.field ?? '', row.value ?? '', row.reason]], { escape_formulas: true }),
    );
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.stream.end(resolve));
    if (this.failed) {
      rmSync(this.tmp, { force: true });
      throw new FunnelError('OUTPUT_FAILED', `cannot write rejects (${(this.failed as NodeJS.ErrnoException).code ?? this.failed.message})`, {
        where: { file: this.path },
      });
    }
    renameSync(this.tmp, this.path);
  }

  discard(): void {
    this.stream.destroy();
    rmSync(this.tmp, { force: true });
  }
}
