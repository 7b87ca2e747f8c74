/**
 * Atlassian-style request ids. Jira's `jira.request.id` is
 * `<minute of day>x<requests since start>x<requests in flight>` (15:20 with 447
 * requests served and this one alone in flight gives `920x447x1`); Bitbucket's
 * prefixes a node id and counts the *other* requests in flight
 * (`@A6X2OXx532x2669x0`).
 */
export interface RequestTicket {
  readonly jiraId: string;
  readonly bitbucketId: string;
  /** Marks the request finished; calling it twice is harmless. */
  end(): void;
}

function minuteOfDayFormatter(timeZone: string | undefined): (time: number) => number {
  if (timeZone === undefined) {
    return (time) => {
      const date = new Date(time);
      return date.getHours() * 60 + date.getMinutes();
    };
  }
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
  return (time) => {
    let hour = 0;
    let minute = 0;
    for (const part of format.formatToParts(time)) {
      if (part.type === 'hour') hour = Number(part.value);
      else if (part.type === 'minute') minute = Number(part.value);
    }
    return hour * 60 + minute;
  };
}

export class RequestIdGenerator {
  private served = 0;
  private inFlight = 0;
  private readonly minuteOfDay: (time: number) => number;

  /**
   * @param nodeId Bitbucket's node part after `@` (default: random, six base-36 characters).
   * @param timeZone Time zone of the minute of day (default: the process's).
   */
  constructor(
    readonly nodeId: string = Math.floor(Math.random() * 36 ** 6).toString(36).toUpperCase().padStart(6, '0'),
    timeZone?: string,
  ) {
    this.minuteOfDay = minuteOfDayFormatter(timeZone);
  }

  begin(now: number = Date.now()): RequestTicket {
    const counter = ++this.served;
    const concurrent = ++this.inFlight;
    const minute = this.minuteOfDay(now);
    let open = true;
    return {
      jiraId: `${minute}x${counter}x${concurrent}`,
      bitbucketId: `@${this.nodeId}x${minute}x${counter}x${concurrent - 1}`,
      end: () => {
        if (!open) return;
        open = false;
        this.inFlight--;
      },
    };
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }
}
