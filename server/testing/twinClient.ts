import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, JoinResult, ServerToClientEvents } from '../../models';

type EventName = keyof ServerToClientEvents;

/** A real Socket.IO client on the /twin namespace that records every event it receives, in order. */
export class TwinClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly events: { name: EventName; payload: any }[] = [];
  lastSeq = 0;

  /** `opts.token` signs the socket in (a session or wall token, see TestServer.login); the rest goes to io(). */
  constructor(url: string, opts: Record<string, unknown> & { token?: string } = {}) {
    const { token, ...rest } = opts;
    this.socket = io(`${url}/twin`, { transports: ['websocket'], reconnection: false, forceNew: true, ...(token ? { auth: { token } } : {}), ...rest });
    this.socket.onAny((name: EventName, payload: any) => {
      this.events.push({ name, payload });
      if (typeof payload?.seq === 'number' && payload.seq > this.lastSeq) this.lastSeq = payload.seq;
    });
  }

  async connect(): Promise<this> {
    if (this.socket.connected) return this;
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
      this.socket.connect();
    });
    return this;
  }

  async join(compoundId: string, sinceSeq?: number): Promise<Ack<JoinResult>> {
    const r = (await this.socket
      .timeout(10_000)
      .emitWithAck('compound:join', { compoundId, ...(sinceSeq !== undefined ? { sinceSeq } : {}) })) as Ack<JoinResult>;
    if (r.ok && r.data.seq > this.lastSeq) this.lastSeq = r.data.seq;
    return r;
  }

  of(name: EventName): any[] {
    return this.events.filter((e) => e.name === name).map((e) => e.payload);
  }

  /** Resolves with the first recorded event of `name` matching `pred` (already received or arriving within `ms`). */
  waitFor(name: EventName, pred: (p: any) => boolean = () => true, ms = 5_000): Promise<any> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        const hit = this.events.find((e) => e.name === name && pred(e.payload));
        if (hit) return resolve(hit.payload);
        if (Date.now() - started > ms) return reject(new Error(`no ${name} matching within ${ms} ms (got ${this.events.map((e) => e.name).join(', ')})`));
        setTimeout(check, 10);
      };
      check();
    });
  }

  close(): void {
    this.socket.close();
  }
}
