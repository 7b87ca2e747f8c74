/**
 * Tomcat-style worker names (`http-nio-8080-exec-N`) for `%t`. Like Tomcat's
 * executor, a request takes the lowest free number and gives it back when it ends,
 * so names stay small and recur the way admins know from Jira logs.
 */
export class ThreadNamePool {
  private readonly free: number[] = [];
  private highest = 0;

  constructor(private readonly prefix: string) {}

  static tomcat(port: number | string): ThreadNamePool {
    return new ThreadNamePool(`http-nio-${port}-exec-`);
  }

  acquire(): { readonly name: string; release(): void } {
    let number: number;
    if (this.free.length > 0) {
      let lowest = 0;
      for (let i = 1; i < this.free.length; i++) if (this.free[i]! < this.free[lowest]!) lowest = i;
      number = this.free.splice(lowest, 1)[0]!;
    } else {
      number = ++this.highest;
    }
    let held = true;
    return {
      name: this.prefix + number,
      release: () => {
        if (!held) return;
        held = false;
        this.free.push(number);
      },
    };
  }
}
