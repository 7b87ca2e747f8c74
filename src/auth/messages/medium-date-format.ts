/**
 * Java's `DateFormat.getDateTimeInstance(MEDIUM, MEDIUM, Locale.US)` as the seed
 * products print it (`MMM d, yyyy h:mm:ss a`, e.g. `Sep 22, 2020 2:43:30 PM`), in a
 * chosen time zone. Intl does the zone arithmetic; the fields are assembled here
 * because newer ICU/CLDR data insert a comma and a narrow no-break space.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Instants remembered with their text; past this many the memory starts over. */
const MAX_REMEMBERED = 1000;

export class MediumDateFormat {
  readonly timeZone: string;
  private readonly parts: Intl.DateTimeFormat;
  /**
   * The dates printed are tokens' creation dates, the same one on every request a
   * token authenticates, and formatToParts costs several microseconds each time.
   */
  private readonly remembered = new Map<number, string>();

  constructor(timeZone?: string) {
    try {
      this.parts = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23',
      });
    } catch (cause) {
      throw new RangeError(`Unknown time zone "${timeZone}" for token dates`, { cause });
    }
    this.timeZone = this.parts.resolvedOptions().timeZone;
  }

  format(epochMillis: number): string {
    let text = this.remembered.get(epochMillis);
    if (text === undefined) {
      if (this.remembered.size === MAX_REMEMBERED) this.remembered.clear();
      text = this.formatParts(epochMillis);
      this.remembered.set(epochMillis, text);
    }
    return text;
  }

  private formatParts(epochMillis: number): string {
    let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    for (const part of this.parts.formatToParts(epochMillis)) {
      switch (part.type) {
        case 'year': year = Number(part.value); break;
        case 'month': month = Number(part.value); break;
        case 'day': day = Number(part.value); break;
        case 'hour': hour = Number(part.value) % 24; break;
        case 'minute': minute = Number(part.value); break;
        case 'second': second = Number(part.value); break;
      }
    }
    const hour12 = hour % 12 === 0 ? 12 : hour % 12;
    const mm = String(minute).padStart(2, '0');
    const ss = String(second).padStart(2, '0');
    return `${MONTHS[month - 1]} ${day}, ${year} ${hour12}:${mm}:${ss} ${hour < 12 ? 'AM' : 'PM'}`;
  }
}
