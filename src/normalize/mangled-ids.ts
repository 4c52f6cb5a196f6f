// Excel keeps 15 significant digits: a longer id saved through it ends in zeros, or is
// written in scientific notation.
const SCIENTIFIC = /^\d(?:[.,]\d+)?E\+?\d+$/i;
const ZERO_TAILED = /^\d{15}0+$/;
const LONG_NUMBER = /^\d{16,}$/;

/**
 * Watches one file's ids for ids mangled by Excel, and warns once (in the file's warnings):
 * such ids can make different records one id, dropped as duplicates.
 */
export class MangledIds {
  private isWarned = false;
  private longIds = 0;
  private zeroTailedIds = 0;

  constructor(private readonly warnings: string[]) {}

  /** Looks at one id (trimmed) of the column the source names `column`. */
  check(column: string, id: string): void {
    // Most ids are neither: shorter than 16 characters and with no exponent (a test per row).
    if (this.isWarned || (id.length < 16 && !id.includes('E') && !id.includes('e'))) return;
    let isMangled = SCIENTIFIC.test(id);
    if (!isMangled && LONG_NUMBER.test(id)) {
      this.longIds++;
      if (ZERO_TAILED.test(id)) this.zeroTailedIds++;
      // One id ending in zeros can be genuine; most of them cannot.
      isMangled = this.zeroTailedIds >= 2 && this.zeroTailedIds * 2 >= this.longIds;
    }
    if (!isMangled) return;
    this.isWarned = true;
    this.warnings.push(
      `ids in column "${column}" look shortened by Excel (e.g. "${id}"): Excel keeps 15 digits, so different records can end up with one id and be dropped as duplicates; export ids as text, or leave columns.id unset`,
    );
  }
}
